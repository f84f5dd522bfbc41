from django.urls import path

from wegwijzers import edities_views

app_name = "edities"

urlpatterns = [
    path("edities/", edities_views.overzicht, name="overzicht"),
    path("edities/<int:nummer>/", edities_views.detail, name="detail"),
    path("edities/<int:nummer>/wegwijzers/<slug:slug>/", edities_views.wegwijzer, name="wegwijzer"),
    path("wijzigingen/", edities_views.wijzigingen, name="wijzigingen"),
    path("wegwijzers/<slug:slug>/wijzigingen/", edities_views.wegwijzer_wijzigingen, name="wegwijzer_wijzigingen"),
]
