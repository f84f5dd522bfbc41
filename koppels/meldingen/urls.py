from django.urls import path

from koppels.meldingen import views

app_name = "meldingen"

urlpatterns = [
    path("", views.instellingen, name="instellingen"),
    # Reachable without login: the signed link in the mail is the credential.
    path("uitschrijven/<str:token>/", views.uitschrijven, name="uitschrijven"),
]
