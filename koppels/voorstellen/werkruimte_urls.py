"""The werkruimte's proposal pages (/werkruimte/voorstellen/...)."""

from django.urls import path

from koppels.voorstellen import werkruimte

app_name = "voorstellen"

urlpatterns = [
    path("", werkruimte.voorstel_list, name="lijst"),
    path("<int:pk>/", werkruimte.voorstel_detail, name="detail"),
    path("van-obstakel/<int:obstakel_pk>/", werkruimte.van_obstakel, name="van_obstakel"),
]
