from django.urls import path

from koppels import views

app_name = "koppels"

urlpatterns = [
    path("", views.koppel_list, name="list"),
]
