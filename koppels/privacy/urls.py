"""Mijn gegevens, in the account area (/account/gegevens/)."""

from django.urls import path

from koppels.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.gegevens_page, name="gegevens"),
    path("mijn-gegevens.json", views.gegevens_json, name="gegevens_json"),
    path("verwijderen/", views.verwijderen, name="verwijderen"),
    path("verwijderen/intrekken/", views.verwijderen_intrekken, name="verwijderen_intrekken"),
]
