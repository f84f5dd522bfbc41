from django.urls import path

from koppels import workspace

app_name = "werkruimte"

urlpatterns = [
    path("", workspace.home, name="home"),
]
