"""A URLconf for the error-page tests: the project's URLs plus two views that fail the way production can."""

from django.db import OperationalError
from django.urls import path

from incubator.urls import handler404, handler500, urlpatterns  # noqa: F401 (the handlers are part of a URLconf)


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [*urlpatterns, path("test/database-weg/", database_gone), path("test/kapot/", broken)]
