from django.urls import path

from koppels import views

app_name = "koppels"

urlpatterns = [
    path("", views.koppel_list, name="list"),
    path("<int:pk>/", views.koppel_detail, name="detail"),
    path("<int:pk>/acties/<int:actie_pk>/", views.actie_update, name="actie"),
    path("<int:pk>/obstakels/", views.obstakel_create, name="obstakel_create"),
    path("<int:pk>/obstakels/<int:obstakel_pk>/", views.obstakel_detail, name="obstakel"),
    path("<int:pk>/obstakels/<int:obstakel_pk>/bewerken/", views.obstakel_update, name="obstakel_update"),
    path("<int:pk>/uitnodigingen/", views.uitnodiging_create, name="uitnodiging_create"),
    path("<int:pk>/uitnodigingen/<int:uitnodiging_pk>/opnieuw/", views.uitnodiging_resend, name="uitnodiging_resend"),
    path("<int:pk>/uitnodigingen/<int:uitnodiging_pk>/intrekken/", views.uitnodiging_revoke, name="uitnodiging_revoke"),
    # Reachable without login: the link in the invitation mail is the credential.
    path("uitnodiging/<str:token>/", views.uitnodiging_accept, name="uitnodiging"),
]
