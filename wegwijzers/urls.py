from django.urls import path

from wegwijzers import views

app_name = "wegwijzers"

urlpatterns = [
    path("", views.home, name="home"),
    path("wegwijzers/", views.wegwijzer_list, name="list"),
    path("wegwijzers/<slug:slug>/", views.wegwijzer_detail, name="detail"),
    path("doe-mee/", views.doe_mee, name="doe_mee"),
    path("over/", views.over, name="over"),
    path("zoeken/", views.search, name="search"),
    path("toegankelijkheid/", views.verklaring, {"sleutel": "toegankelijkheid"}, name="toegankelijkheid"),
    path("privacy/", views.verklaring, {"sleutel": "privacy"}, name="privacy"),
    path("contact/", views.verklaring, {"sleutel": "contact"}, name="contact"),
]
