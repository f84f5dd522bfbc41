"""PDF pages: choose a minigids selection, follow its making, download it (a koppel's route PDF lives in koppels)."""

import hashlib
from http import HTTPStatus

from django import forms
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from incubator.htmx import render_page, see_other
from wegwijzers import pdf
from wegwijzers.models import Doelgroep, Drukbestand, Editie, Label, Wegwijzer
from wegwijzers.tasks import request_minigids_pdf


class SelectieForm(forms.Form):
    """The choice of what goes into a minigids PDF; every field arrives in the query string or the POST body."""

    formaat = forms.ChoiceField(
        label=_("Formaat"),
        choices=[("a5", _("A5, als boekje")), ("a4", _("A4"))],
        initial="a5",
        widget=forms.RadioSelect,
    )
    soort = forms.ChoiceField(
        label=_("Wat wil je in de PDF?"),
        choices=[
            ("alles", _("De hele minigids")),
            ("wegwijzers", _("Gekozen wegwijzers")),
            ("label", _("De wegwijzers met één label")),
            ("doelgroep", _("De acties voor één doelgroep")),
        ],
        initial="alles",
        widget=forms.RadioSelect,
    )
    wegwijzers = forms.ModelMultipleChoiceField(
        label=_("Wegwijzers"),
        queryset=Wegwijzer.objects.huidig().order_by("volgorde"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    label = forms.ModelChoiceField(
        label=_("Label"),
        queryset=Label.objects.order_by("volgorde"),
        to_field_name="slug",
        required=False,
        empty_label=None,
        widget=forms.RadioSelect,
    )
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"),
        choices=[
            (Doelgroep.AMBTENAAR.value, _("Acties voor ambtenaren")),
            (Doelgroep.INITIATIEFNEMER.value, _("Acties voor initiatiefnemers")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    def clean(self):
        data = super().clean()
        # Ticked wegwijzers are a choice: never answer them with the whole guide because the radio stayed on "alles".
        if data.get("soort") == "alles" and data.get("wegwijzers"):
            data["soort"] = "wegwijzers"
        soort = data.get("soort")
        if soort == "wegwijzers" and not data.get("wegwijzers"):
            self.add_error("wegwijzers", _("Kies minstens één wegwijzer."))
        elif soort == "label" and not data.get("label"):
            self.add_error("label", _("Kies een label."))
        elif soort == "doelgroep" and not data.get("doelgroep"):
            self.add_error("doelgroep", _("Kies ambtenaren of initiatiefnemers."))
        return data

    def selectie(self) -> pdf.Selectie:
        """The validated choice as a Selectie (call after is_valid())."""
        data = self.cleaned_data
        soort = data["soort"]
        waarden: tuple[str, ...] = ()
        if soort == "wegwijzers":
            waarden = tuple(wegwijzer.slug for wegwijzer in sorted(data["wegwijzers"], key=lambda w: w.volgorde))
        elif soort == "label":
            waarden = (data["label"].slug,)
        elif soort == "doelgroep":
            waarden = (data["doelgroep"],)
        return pdf.Selectie(formaat=data["formaat"], soort=soort, waarden=waarden)


def _etag(drukbestand: Drukbestand) -> str:
    return '"{}"'.format(hashlib.sha256(f"{drukbestand.sleutel}|{drukbestand.versie}".encode()).hexdigest()[:32])


def _serve(request: HttpRequest, drukbestand: Drukbestand) -> HttpResponse:
    """The stored PDF, or 304 when the client's copy (ETag / Last-Modified) is still this one."""
    etag = _etag(drukbestand)
    last_modified = int(drukbestand.finished_at.timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified
    data = Drukbestand.objects.values_list("pdf", flat=True).get(pk=drukbestand.pk)
    response = HttpResponse(bytes(data), content_type="application/pdf")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Always revalidate: the same address gives a new file after an edit, and a 304 costs almost nothing.
    response["Cache-Control"] = "public, no-cache"
    selectie = pdf.Selectie.from_sleutel(drukbestand.sleutel)
    response["Content-Disposition"] = f'attachment; filename="{selectie.bestandsnaam}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def selection(request: HttpRequest) -> HttpResponse:
    """The selection form with a live summary (GET); POST makes the PDF (or finds it) and shows its status."""
    if request.method == "POST":
        form = SelectieForm(request.POST)
        if form.is_valid():
            drukbestand = request_minigids_pdf(selectie=form.selectie())
            return see_other(drukbestand)  # the answer to a POST is the status page, fetched with GET
        # Nothing was made: show the same choices with the reasons, so the user can correct them.
        context = _selection_context(form)
        return render_page(request, "pdf/selectie.html", context, status=HTTPStatus.UNPROCESSABLE_CONTENT)
    form = SelectieForm(request.GET or None)
    return render_page(request, "pdf/selectie.html", _selection_context(form), partial="samenvatting")


def _selection_context(form: SelectieForm) -> dict:
    context = {"form": form, "selectie": None, "samenvatting": None, "klaar": None}
    if form.is_bound and form.is_valid():
        selectie = form.selectie()
        context["selectie"] = selectie
        context["samenvatting"] = pdf.summary(selectie)
        klaar = Drukbestand.objects.voor(selectie.sleutel, pdf.content_version(selectie))
        context["klaar"] = klaar.filter(status=Drukbestand.Status.KLAAR).first()
    elif not form.is_bound:
        context["samenvatting"] = pdf.summary(pdf.Selectie())
        context["selectie"] = pdf.Selectie()
    return context


@require_safe
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """Whether the PDF is being made, ready (with the download) or failed (with a retry); htmx polls it."""
    drukbestand = get_object_or_404(Drukbestand.objects.zonder_pdf(), pk=pk)
    selectie = pdf.Selectie.from_sleutel(drukbestand.sleutel)
    context = {"drukbestand": drukbestand, "selectie": selectie, "omschrijving": pdf.describe(selectie)}
    response = render_page(request, "pdf/status.html", context, partial="pdf-status")
    # The page changes while the PDF is made: never let a cache hand out the "bezig" state.
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The finished PDF; while it is not ready, its status page."""
    drukbestand = get_object_or_404(Drukbestand.objects.zonder_pdf(), pk=pk)
    if drukbestand.status != Drukbestand.Status.KLAAR:
        return redirect(drukbestand)
    return _serve(request, drukbestand)


@require_safe
def minigids(request: HttpRequest) -> HttpResponse:
    """The whole minigids (A5) in one click: served at once when this content version was made before.

    Otherwise it is made now. That is a cache fill, not a change a user makes: one Drukbestand per content
    version, never duplicated, so a GET stays safe to repeat.
    """
    return _newest(request, pdf.Selectie())


@require_safe
def wegwijzer(request: HttpRequest, slug: str) -> HttpResponse:
    """One wegwijzer (A5) in one click, as /minigids.pdf gives the whole guide: a link, so the page stays cacheable."""
    gekozen = get_object_or_404(Wegwijzer.objects.huidig(), slug=slug)
    return _newest(request, pdf.Selectie(soort="wegwijzers", waarden=(gekozen.slug,)))


@require_safe
def editie(request: HttpRequest, nummer: int, formaat: str) -> HttpResponse:
    """A published edition's whole guide (A5 or A4), frozen: the current one is /minigids.pdf."""
    gevraagd = get_object_or_404(Editie.objects.gepubliceerd(), nummer=nummer)
    if gevraagd.huidig and formaat == "a5":
        return redirect("pdf:minigids")
    return _newest(request, pdf.Selectie(formaat=formaat, editie=None if gevraagd.huidig else gevraagd.nummer))


def _newest(request: HttpRequest, selectie: pdf.Selectie) -> HttpResponse:
    """The newest finished PDF of this selection; while a new version is being made, the previous one."""
    versie = pdf.content_version(selectie)
    drukbestanden = Drukbestand.objects.zonder_pdf().filter(sleutel=selectie.sleutel)
    drukbestand = Drukbestand.objects.voor(selectie.sleutel, versie).first() or request_minigids_pdf(
        selectie=selectie, versie=versie
    )
    if drukbestand.status != Drukbestand.Status.KLAAR:
        # The content changed a moment ago and the queued task is at work: the previous edition is served meanwhile.
        vorige = drukbestanden.filter(status=Drukbestand.Status.KLAAR).order_by("-finished_at").first()
        if vorige is None:
            return redirect(drukbestand)
        drukbestand = vorige
    return _serve(request, drukbestand)


@staff_member_required
@require_safe
def drukproef(request: HttpRequest) -> HttpResponse:
    """The whole minigids as a print proof (A5, 3 mm bleed, crop marks): for the programme team."""
    return _newest(request, pdf.Selectie(formaat="drukproef"))
