"""The privacy page of the werkruimte (/werkruimte/privacy/), included from the werkruimte's URLs."""

from django.urls import path

from koppels.privacy import werkruimte

app_name = "privacy"

urlpatterns = [
    path("", werkruimte.overzicht, name="overzicht"),
    path("verzoeken/<int:pk>/", werkruimte.verzoek, name="verzoek"),
]
