# Minimal views for the skeleton; the public-pages work replaces them.
from django.shortcuts import get_object_or_404, render

from wegwijzers.models import Wegwijzer


def home(request):
    return render(request, "wegwijzers/home.html", {"wegwijzers": Wegwijzer.objects.met_labels()})


def wegwijzer_list(request):
    return render(request, "wegwijzers/home.html", {"wegwijzers": Wegwijzer.objects.met_labels(), "nav": "wegwijzers"})


def wegwijzer_detail(request, slug):
    wegwijzer = get_object_or_404(Wegwijzer, slug=slug)
    return render(request, "wegwijzers/home.html", {"wegwijzers": [wegwijzer]})


def doe_mee(request):
    return render(request, "wegwijzers/home.html", {"wegwijzers": []})


def over(request):
    return render(request, "wegwijzers/home.html", {"wegwijzers": []})


def search(request):
    return render(request, "wegwijzers/home.html", {"wegwijzers": []})
