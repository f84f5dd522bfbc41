from django.urls import include, path, re_path

from koppels.werkruimte import beheer, edities, exports, views

app_name = "werkruimte"

urlpatterns = [
    path("", views.home, name="home"),
    path("obstakels/", views.obstakel_list, name="obstakels"),
    path("obstakels/inzichten/", views.inzichten, name="inzichten"),
    path("activiteit/", views.activiteit, name="activiteit"),
    path("cohorten/nieuw/", beheer.cohort_create, name="cohort_nieuw"),
    path("cohorten/<slug:slug>/", views.cohort_detail, name="cohort"),
    path("cohorten/<slug:slug>/bewerken/", beheer.cohort_update, name="cohort_bewerken"),
    path("cohorten/<slug:slug>/archiveren/", beheer.cohort_archive, name="cohort_archiveren"),
    path("initiatieven/", beheer.initiatief_list, name="initiatieven"),
    path("initiatieven/nieuw/", beheer.initiatief_create, name="initiatief_nieuw"),
    path("initiatieven/<slug:slug>/bewerken/", beheer.initiatief_update, name="initiatief_bewerken"),
    path("koppels/nieuw/", beheer.koppel_create, name="koppel_nieuw"),
    path("koppels/<int:pk>/archiveren/", beheer.koppel_archive, name="koppel_archiveren"),
    path("privacy/", include("koppels.privacy.werkruimte_urls")),
    path("voorstellen/", include("koppels.voorstellen.werkruimte_urls")),
    path("minigids-wijzigingen/", views.wijzigingen, name="wijzigingen"),
    path("edities/", edities.overzicht, name="edities"),
    path("edities/concept/", edities.concept_maken, name="editie_concept_maken"),
    path("edities/concept/weggooien/", edities.concept_weggooien, name="editie_concept_weggooien"),
    path("edities/concept/publiceren/", edities.publiceren, name="editie_publiceren"),
    re_path(r"^export/voortgang\.(?P<formaat>csv|json)$", exports.voortgang_export, name="export_voortgang"),
    re_path(r"^export/obstakels\.(?P<formaat>csv|json)$", exports.obstakel_export, name="export_obstakels"),
]
