from django.contrib import admin
from django.urls import include, path

from incubator import views
from wegwijzers import opendata

urlpatterns = [
    path("", include("wegwijzers.urls")),
    path("initiatieven/", include("initiatives.urls")),
    path("koppels/", include("koppels.urls")),
    path("werkruimte/", include("koppels.werkruimte.urls")),
    path("", include("wegwijzers.pdf_urls")),
    path("account/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("gezondheid/", views.health, name="health"),
    path("open-data/minigids.json", opendata.minigids_json, name="opendata_minigids"),
    path("open-data/minigids.schema.json", opendata.minigids_schema, name="opendata_schema"),
]

# 404: Django's own handler renders templates/404.html; 500/503 need our own (see incubator/views.py).
handler500 = "incubator.views.server_error"
