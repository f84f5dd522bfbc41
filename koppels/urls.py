from django.urls import path

from koppels import views

app_name = "koppels"

urlpatterns = [
    path("", views.koppel_list, name="list"),
    path("<int:pk>/", views.koppel_detail, name="detail"),
    # An action by its number in the booklet: /koppels/5/acties/2.3/
    path("<int:pk>/acties/<int:wegwijzer>.<int:nummer>/", views.actie_detail, name="actie"),
    path("<int:pk>/acties/<int:wegwijzer>.<int:nummer>/status/", views.actie_status, name="actie_status"),
    # An action no longer in the current edition, by the koppel's row for it (its number may now mean another).
    path("<int:pk>/acties/vervallen/<int:actiestap>/", views.actie_vervallen, name="actie_vervallen"),
    path("<int:pk>/obstakels/", views.obstakel_create, name="obstakel_create"),
    path("<int:pk>/obstakels/<int:obstakel_pk>/", views.obstakel_detail, name="obstakel"),
    path("<int:pk>/obstakels/<int:obstakel_pk>/bewerken/", views.obstakel_update, name="obstakel_update"),
    path("<int:pk>/uitnodigingen/", views.uitnodiging_create, name="uitnodiging_create"),
    path("<int:pk>/uitnodigingen/<int:uitnodiging_pk>/opnieuw/", views.uitnodiging_resend, name="uitnodiging_resend"),
    path("<int:pk>/uitnodigingen/<int:uitnodiging_pk>/intrekken/", views.uitnodiging_revoke, name="uitnodiging_revoke"),
    path("<int:pk>/route/pdf/", views.route_pdf, name="route_pdf"),
    # Reachable without login: the link in the invitation mail is the credential.
    path("uitnodiging/<str:token>/", views.uitnodiging_accept, name="uitnodiging"),
]
