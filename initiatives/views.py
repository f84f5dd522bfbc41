# Minimal view for the skeleton; the public-pages work replaces it.
from django.shortcuts import render

from initiatives.models import Initiatief


def initiatief_list(request):
    return render(request, "wegwijzers/home.html", {"wegwijzers": [], "initiatieven": Initiatief.objects.all()})
