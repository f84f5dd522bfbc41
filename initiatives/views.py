"""The public page of the programme's initiatives, grouped by cohort."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from initiatives.models import Cohort, Initiatief


@require_safe
def initiatief_list(request: HttpRequest) -> HttpResponse:
    """The initiatives per cohort, oldest cohort (the 2024 pilot) first; each initiative anchored by its slug."""
    cohorten = Cohort.objects.order_by("jaar", "naam").prefetch_related(
        Prefetch("initiatieven", queryset=Initiatief.objects.order_by("volgorde", "naam"))
    )
    groepen = []
    # An initiative can take part in several cohorts; only its first card carries the id, so anchors stay unique.
    gezien: set[int] = set()
    for cohort in cohorten:
        initiatieven = []
        for initiatief in cohort.initiatieven.all():
            initiatieven.append((initiatief, initiatief.pk not in gezien))
            gezien.add(initiatief.pk)
        groepen.append({"cohort": cohort, "initiatieven": initiatieven})
    return render(request, "initiatives/initiatief_list.html", {"nav": "initiatieven", "groepen": groepen})
