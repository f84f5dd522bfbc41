"""A URLconf for the error-page tests: the project's URLs plus two views that fail the way production can."""

from django.db import OperationalError
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from incubator.urls import handler500, urlpatterns  # noqa: F401 (the handler is part of a URLconf)


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def broken(request):
    raise RuntimeError("a bug")


PAGE_WITH_HTMX_LINK = """{% extends "base.html" %}{% block content %}
<h1>Testpagina</h1>
<div id="doel"><a href="/test/database-weg/" data-hx-get="/test/database-weg/"
  data-hx-target="#doel">Laad meer</a></div>
{% endblock %}"""


def page_with_htmx_link(request):
    return HttpResponse(engines["django"].from_string(PAGE_WITH_HTMX_LINK).render({}, request))


urlpatterns = [
    *urlpatterns,
    path("test/database-weg/", database_gone),
    path("test/kapot/", broken),
    path("test/htmx/", page_with_htmx_link),
]
