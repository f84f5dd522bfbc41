from django.urls import path, re_path

from koppels import exports
from koppels.workspace import views

app_name = "werkruimte"

urlpatterns = [
    path("", views.home, name="home"),
    path("cohorten/<slug:slug>/", views.cohort_detail, name="cohort"),
    path("obstakels/", views.obstakel_list, name="obstakels"),
    path("obstakels/inzichten/", views.inzichten, name="inzichten"),
    path("activiteit/", views.activiteit, name="activiteit"),
    path("minigids-wijzigingen/", views.wijzigingen, name="wijzigingen"),
    re_path(r"^export/voortgang\.(?P<formaat>csv|json)$", exports.voortgang_export, name="export_voortgang"),
    re_path(r"^export/obstakels\.(?P<formaat>csv|json)$", exports.obstakel_export, name="export_obstakels"),
]
