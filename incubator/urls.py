from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from incubator import views
from wegwijzers import opendata

urlpatterns = [
    path("", include("wegwijzers.urls")),
    path("initiatieven/", include("initiatives.urls")),
    path("koppels/", include("koppels.urls")),
    path("werkruimte/", include("koppels.werkruimte.urls")),
    path("voorstellen/", include("koppels.voorstellen.urls")),
    path("", include("wegwijzers.pdf_urls")),
    path("", include("wegwijzers.edities_urls")),
    path("account/gegevens/", include("koppels.privacy.urls")),
    path("account/meldingen/", include("koppels.meldingen.urls")),
    path("account/", include("allauth.urls")),
    # The admin's password change has no rate limit of its own: allauth's (5 a minute per person) applies there.
    path("beheer/password_change/", RedirectView.as_view(pattern_name="account_change_password")),
    path("beheer/", admin.site.urls),
    path("gezondheid/", views.health, name="health"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("open-data/minigids.json", opendata.minigids_json, name="opendata_minigids"),
    path("open-data/minigids.schema.json", opendata.minigids_schema, name="opendata_schema"),
    path("open-data/edities/<int:nummer>/minigids.json", opendata.minigids_json_editie, name="opendata_editie"),
]

# 404: Django's own handler renders templates/404.html; 500/503 need our own (see incubator/views.py).
handler500 = "incubator.views.server_error"
