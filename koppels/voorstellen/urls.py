"""Proposals of members: /voorstellen/ (Mijn voorstellen) and /voorstellen/nieuw/ (the form)."""

from django.urls import path

from koppels.voorstellen import views

app_name = "voorstellen"

urlpatterns = [
    path("", views.mijn_voorstellen, name="mijn"),
    path("nieuw/", views.voorstel_nieuw, name="nieuw"),
]
