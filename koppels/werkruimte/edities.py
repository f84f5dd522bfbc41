"""Editions in the programme team's workspace: start a draft, see what changed, publish it with change notes.

The texts themselves are edited in the admin (its rows of published editions are read-only); this is where the
team sees the draft against the current edition and publishes it in one act (wegwijzers.edities).
"""

from http import HTTPStatus

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from incubator.eenmalig import once_per_form
from incubator.htmx import render_page, see_other
from koppels.werkruimte.permissions import programmateam
from wegwijzers import edities
from wegwijzers.models import Editie, Wijzigingsnotitie


class PublicatieForm(forms.Form):
    """The edition's name and summary, and a change note per changed wegwijzer (fields added per change)."""

    naam = forms.CharField(
        label=gettext_lazy("Naam van de editie"),
        max_length=60,
        help_text=gettext_lazy("Zoals op de omslag komt te staan, bijvoorbeeld ‘december 2026’."),
        error_messages={"required": gettext_lazy("Geef de editie een naam, bijvoorbeeld ‘december 2026’.")},
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting voor de hele minigids"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Staat bovenaan de wijzigingen van deze editie op de site."),
    )
    gezien = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, wijzigingen: list[edities.Wijziging], **kwargs):
        super().__init__(*args, **kwargs)
        self.wijzigingen = wijzigingen
        for wijziging in wijzigingen:
            if wijziging.soort == Wijzigingsnotitie.Soort.TEKSTEN:
                label = _("Wijzigingsnotitie bij de overige teksten")
                verplicht = False
            else:
                label = _("Wijzigingsnotitie bij ‘%(titel)s’") % {"titel": wijziging.titel}
                verplicht = True
            self.fields[wijziging.sleutel] = forms.CharField(
                label=label,
                required=verplicht,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Wat veranderde er en waarom, in een of twee zinnen. Lezers zien dit op de site."),
                error_messages={
                    "required": _("Schrijf in een zin wat er in ‘%(titel)s’ veranderde en waarom.")
                    % {"titel": wijziging.titel}
                },
            )
            wijziging.veld = self[wijziging.sleutel]

    def notities(self) -> dict[str, str]:
        return {w.sleutel: self.cleaned_data.get(w.sleutel, "") for w in self.wijzigingen}


def _overzicht_context(concept: Editie | None) -> dict:
    huidige = Editie.objects.huidige()
    return {
        "nav": "werkruimte",
        "sub": "edities",
        "edities": list(Editie.objects.gepubliceerd().order_by("-nummer")),
        "huidige": huidige,
        "concept": concept,
        "wijzigingen": edities.vergelijk(concept, huidige) if concept else [],
    }


@programmateam
@require_safe
def overzicht(request: HttpRequest) -> HttpResponse:
    """The editions, the draft (if any) with what changed against the current edition, and the next step."""
    return render_page(request, "werkruimte/edities.html", _overzicht_context(Editie.objects.concept()))


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
def concept_maken(request: HttpRequest) -> HttpResponse:
    """Start a draft: a copy of the current edition that the team edits in the admin (GET asks first)."""
    if request.method != "POST":
        context = {
            "titel": _("Concept voor een nieuwe editie maken"),
            "uitleg": _(
                "Het concept is een kopie van de huidige editie. Je bewerkt het in het beheer; lezers zien er niets "
                "van tot je het publiceert."
            ),
            "knop": _("Concept maken"),
            "terug": reverse("werkruimte:edities"),
            "nav": "werkruimte",
            "sub": "edities",
        }
        return render_page(request, "werkruimte/bevestig.html", context)
    try:
        concept = edities.maak_concept()
    except edities.EditieFout as fout:
        messages.error(request, " ".join(fout.fouten.values()))
    else:
        messages.success(
            request,
            _(
                "Concept voor editie %(nummer)s gemaakt: een kopie van de huidige editie. Bewerk de teksten in het "
                "beheer; de site verandert pas als je publiceert."
            )
            % {"nummer": concept.nummer},
        )
    return see_other(reverse("werkruimte:edities"))


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
def concept_weggooien(request: HttpRequest) -> HttpResponse:
    """Throw the draft away, after a confirmation (GET asks)."""
    concept = Editie.objects.concept()
    terug = reverse("werkruimte:edities")
    if concept is None:
        messages.info(request, _("Er is geen concept (meer)."))
        return see_other(terug)
    if request.method == "POST":
        edities.gooi_concept_weg(concept)
        messages.success(request, _("Het concept is weggegooid. De site is niet veranderd."))
        return see_other(terug)
    context = {
        "titel": _("Concept voor editie %(nummer)s weggooien") % {"nummer": concept.nummer},
        "uitleg": _(
            "Alle wijzigingen in het concept gaan verloren. De gepubliceerde edities en de site blijven zoals ze zijn."
        ),
        "knop": _("Gooi het concept weg"),
        "terug": terug,
        "nav": "werkruimte",
        "sub": "edities",
    }
    return render_page(request, "werkruimte/bevestig.html", context)


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
@once_per_form
def publiceren(request: HttpRequest) -> HttpResponse:
    """Publish the draft: a name, a summary and a change note per changed wegwijzer, then one act.

    Invalid input is answered 422 with everything typed kept; a draft changed by someone else since the form was
    shown is answered 409 with the new comparison and the notes typed so far.
    """
    concept = Editie.objects.concept()
    if concept is None:
        messages.info(request, _("Er is geen concept om te publiceren. Maak eerst een concept."))
        return see_other(reverse("werkruimte:edities"))
    huidige = Editie.objects.huidige()
    wijzigingen = edities.vergelijk(concept, huidige)
    afdruk = edities.vingerafdruk(wijzigingen)
    status = HTTPStatus.OK
    verouderd = False
    if request.method == "POST":
        form = PublicatieForm(request.POST, wijzigingen=wijzigingen)
        # The comparison the person saw is not the draft's any more: say so before judging their input against it.
        verouderd = request.POST.get("gezien") != afdruk
        if not verouderd and form.is_valid():
            try:
                editie = edities.publiceer(
                    concept,
                    naam=form.cleaned_data["naam"],
                    toelichting=form.cleaned_data["toelichting"],
                    notities=form.notities(),
                    gezien=form.cleaned_data["gezien"],
                    door=request.user,
                )
            except edities.EditieVerouderd:
                verouderd = True
            except edities.EditieFout as fout:
                for veld, melding in fout.fouten.items():
                    form.add_error(veld if veld in form.fields else None, melding)
            else:
                messages.success(
                    request,
                    _(
                        "Editie %(naam)s is gepubliceerd. De site, de zoekfunctie en de open data tonen haar nu; "
                        "de PDF's worden gemaakt. De routes van de koppels volgen de nieuwe editie."
                    )
                    % {"naam": editie.naam},
                )
                return see_other(reverse("werkruimte:edities"))
        if verouderd:
            # Keep what was typed, against the comparison as it is now.
            data = request.POST.copy()
            data["gezien"] = afdruk
            form = PublicatieForm(data, wijzigingen=wijzigingen)
            form.is_valid()
            status = HTTPStatus.CONFLICT
        else:
            status = HTTPStatus.UNPROCESSABLE_CONTENT
    else:
        form = PublicatieForm(initial={"gezien": afdruk}, wijzigingen=wijzigingen)
    context = {
        "nav": "werkruimte",
        "sub": "edities",
        "concept": concept,
        "huidige": huidige,
        "form": form,
        "wijzigingen": wijzigingen,
        "verouderd": verouderd,
    }
    return render_page(request, "werkruimte/editie_publiceren.html", context, status=status)
