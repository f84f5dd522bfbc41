# Minimal view for the skeleton; the koppels work replaces it.
from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def koppel_list(request):
    return render(request, "wegwijzers/home.html", {"wegwijzers": []})
