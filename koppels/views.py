"""Koppel pages: Mijn koppels, a koppel's route and obstacles, invitations.

Every view fetches koppels through Koppel.objects.for_user, so a koppel that is not yours is a 404. Changes are
POST only; htmx requests get the changed partial (plus out-of-band progress), others a 303 redirect back.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from incubator.eenmalig import once_per_form
from koppels import services
from koppels.forms import AccountAanmakenForm, ActieForm, ObstakelForm, UitnodigingForm
from koppels.models import Actiestap, Actiewijziging, Koppel, Lidmaatschap, Obstakel, Rol, Status, Uitnodiging
from koppels.progress import progress_for_koppel, progress_for_koppels
from wegwijzers.models import Actie, Label, Wegwijzer

HTTP_CONFLICT = 409
HTTP_UNPROCESSABLE = 422


def _koppel(request: HttpRequest, pk: int) -> Koppel:
    return get_object_or_404(Koppel.objects.for_user(request.user).select_related("initiatief", "cohort"), pk=pk)


def _see_other(url: str) -> HttpResponseRedirect:
    """After a POST without JavaScript: 303, so the browser GETs the page back."""
    return HttpResponseRedirect(url, status=303)


def _detail_url(koppel: Koppel, anchor: str = "") -> str:
    return koppel.get_absolute_url() + (f"#{anchor}" if anchor else "")


# Mijn koppels


@login_required
@require_http_methods(["GET", "HEAD"])
def koppel_list(request: HttpRequest) -> TemplateResponse:
    """Mijn koppels: the landing page after login."""
    koppels = list(
        Koppel.objects.for_user(request.user)
        .select_related("initiatief", "cohort")
        .prefetch_related(Prefetch("lidmaatschappen", queryset=_leden_qs()))
    )
    voortgang = progress_for_koppels(koppels)
    rollen = {}
    for koppel in koppels:
        koppel.voortgang = voortgang[koppel.pk]
        rollen[koppel.pk] = [
            lid.get_rol_display() for lid in koppel.lidmaatschappen.all() if lid.user_id == request.user.pk
        ]
        koppel.mijn_rollen = rollen[koppel.pk]
    return TemplateResponse(request, "koppels/koppel_list.html", {"koppels": koppels, "nav": "koppels"})


def _leden_qs():
    return Lidmaatschap.objects.select_related("user").order_by("rol", "user__naam", "user__email")


# A koppel's page


@dataclass
class Rij:
    """One action row of the route as the template shows it."""

    actie: Actie
    stap: Actiestap | None
    status: str = Status.OPEN
    notitie: str = ""
    versie: int = 0
    wijzigingen: list = field(default_factory=list)
    aantal_wijzigingen: int = 0
    fout: str = ""
    mijn_notitie: str | None = None
    mijn_status: str | None = None
    focus: bool = False
    melding: str = ""

    @classmethod
    def build(cls, actie: Actie, stap: Actiestap | None, **kwargs) -> "Rij":
        if stap is None:
            return cls(actie=actie, stap=None, **kwargs)
        wijzigingen = getattr(stap, "recente_wijzigingen", [])
        return cls(
            actie=actie,
            stap=stap,
            status=stap.status,
            notitie=stap.notitie,
            versie=stap.versie,
            wijzigingen=wijzigingen,
            # Every saved change bumps the version by one and writes one history row (services.set_actie).
            aantal_wijzigingen=max(stap.versie, len(wijzigingen)),
            **kwargs,
        )

    @property
    def nummer(self) -> str:
        return f"{self.actie.wegwijzer.volgorde}.{self.actie.volgorde}"


# A row shows its latest changes only: an action changed hundreds of times must not make every page heavier.
GESCHIEDENIS_MAX = 10


def _stappen(koppel: Koppel, **filters) -> dict[int, Actiestap]:
    recent = Actiewijziging.objects.select_related("user").order_by("-created_at", "-versie")[:GESCHIEDENIS_MAX]
    qs = (
        Actiestap.objects.filter(koppel=koppel, **filters)
        .select_related("updated_by")
        .prefetch_related(Prefetch("wijzigingen", queryset=recent, to_attr="recente_wijzigingen"))
    )
    return {stap.actie_id: stap for stap in qs}


def _obstakels(koppel: Koppel, **filters):
    return (
        Obstakel.objects.filter(koppel=koppel, **filters)
        .select_related("wegwijzer", "actie__wegwijzer", "updated_by", "created_by")
        .prefetch_related("labels")
    )


def _obstakel_form_choices() -> dict:
    return {
        "wegwijzers": list(Wegwijzer.objects.all()),
        "acties": list(Actie.objects.select_related("wegwijzer")),
        "labels": list(Label.objects.all()),
    }


def _detail_context(request: HttpRequest, koppel: Koppel, *, nieuw_obstakel_form=None, rij_override=None) -> dict:
    choices = _obstakel_form_choices()
    stappen = _stappen(koppel)
    voortgang = progress_for_koppel(koppel)
    leden = list(_leden_qs().filter(koppel=koppel))
    groepen = []
    for wegwijzer in choices["wegwijzers"]:
        rijen = []
        for actie in choices["acties"]:
            if actie.wegwijzer_id != wegwijzer.pk:
                continue
            if rij_override and rij_override.actie.pk == actie.pk:
                rijen.append(rij_override)
            else:
                rijen.append(Rij.build(actie, stappen.get(actie.pk)))
        groepen.append({"wegwijzer": wegwijzer, "rijen": rijen, "voortgang": voortgang.voor_wegwijzer(wegwijzer.pk)})
    context = {
        "koppel": koppel,
        "leden": leden,
        "heeft_ambtenaar": any(lid.rol == Rol.AMBTENAAR for lid in leden),
        "heeft_initiatiefnemer": any(lid.rol == Rol.INITIATIEFNEMER for lid in leden),
        "groepen": groepen,
        "voortgang": voortgang,
        "obstakels": list(_obstakels(koppel)),
        "nieuw_obstakel_form": nieuw_obstakel_form or ObstakelForm(auto_id="nieuw-obstakel-%s", **choices),
        "statussen": Status.choices,
        "nav": "koppels",
    }
    if request.user.is_staff:
        context["uitnodigingen"] = list(
            koppel.uitnodigingen.filter(accepted_at__isnull=True).select_related("created_by")
        )
        context["uitnodiging_form"] = UitnodigingForm(auto_id="uitnodiging-%s")
    return context


@login_required
@require_http_methods(["GET", "HEAD"])
def koppel_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    """A koppel: members, initiative, cohort, progress, the route and the obstacles."""
    koppel = _koppel(request, pk)
    return TemplateResponse(request, "koppels/koppel_detail.html", _detail_context(request, koppel))


# The route: one action's status and note


def _refuse_archived(request: HttpRequest, koppel: Koppel) -> HttpResponse | None:
    if not koppel.is_gearchiveerd:
        return None
    message = str(services.KoppelGearchiveerd.message)
    if request.htmx:
        response = TemplateResponse(request, "koppels/koppel_detail.html#melding", {"melding": message}, status=409)
        response["HX-Retarget"] = "#koppel-melding"
        response["HX-Reswap"] = "innerHTML"
        return response
    messages.error(request, message)
    return TemplateResponse(request, "koppels/koppel_detail.html", _detail_context(request, koppel), status=409)


@login_required
@require_POST
@vary_on_headers("HX-Request")
def actie_update(request: HttpRequest, pk: int, actie_pk: int) -> HttpResponse:
    """Set an action's status and note; a stale or invalid change is refused in place (409/422)."""
    koppel = _koppel(request, pk)
    actie = get_object_or_404(Actie.objects.select_related("wegwijzer"), pk=actie_pk)
    if refused := _refuse_archived(request, koppel):
        return refused
    form = ActieForm(request.POST)
    status_code = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            stap = services.set_actie(
                koppel=koppel,
                actie=actie,
                status=data["status"],
                notitie=data["notitie"],
                versie=data["versie"],
                by=request.user,
            )
        except services.StaleChange as stale:
            stap = _stappen(koppel, pk=stale.current.pk)[actie.pk]
            rij = Rij.build(
                actie,
                stap,
                fout=_(
                    "Je wijziging is niet opgeslagen: %(wie)s heeft deze actie intussen gewijzigd. "
                    "Hieronder zie je de huidige stand; kijk of je wijziging nog nodig is en sla dan opnieuw op."
                )
                % {"wie": stap.updated_by or _("iemand anders")},
                mijn_status=data["status"] if data["status"] != stap.status else None,
                mijn_notitie=data["notitie"] if data["notitie"].strip() != stap.notitie else None,
                focus=True,
            )
            rij.melding = rij.fout
            status_code = HTTP_CONFLICT
        else:
            if not request.htmx:
                return _see_other(_detail_url(koppel, f"actie-{actie.pk}"))
            # The row as saved is in hand (with who changed it); only its latest history is read.
            stap.recente_wijzigingen = list(
                stap.wijzigingen.select_related("user").order_by("-created_at", "-versie")[:GESCHIEDENIS_MAX]
            )
            rij = Rij.build(
                actie,
                stap,
                focus=True,
                melding=_("Actie %(nummer)s opgeslagen: %(status)s.")
                % {
                    "nummer": f"{actie.wegwijzer.volgorde}.{actie.volgorde}",
                    "status": stap.get_status_display().lower(),
                },
            )
    else:
        stap = _stappen(koppel, actie=actie).get(actie.pk)
        fouten = " ".join(str(e) for errors in form.errors.values() for e in errors)
        if "versie" in form.errors or "status" not in request.POST and "notitie" not in request.POST:
            fouten = _("Het formulier was niet compleet. Laad de pagina opnieuw en probeer het nog eens.")
        rij = Rij.build(
            actie,
            stap,
            fout=_("Niet opgeslagen. %(fouten)s") % {"fouten": fouten},
            mijn_notitie=request.POST.get("notitie", "")[:10000] or None,
            focus=True,
        )
        rij.melding = rij.fout
        status_code = HTTP_UNPROCESSABLE

    if request.htmx:
        context = {"koppel": koppel, "rij": rij, "statussen": Status.choices, "oob": status_code == 200}
        if status_code == 200:
            context["voortgang"] = progress_for_koppel(koppel)
            context["wegwijzer_voortgang"] = context["voortgang"].voor_wegwijzer(actie.wegwijzer_id)
        return TemplateResponse(request, "koppels/koppel_detail.html#actie-antwoord", context, status=status_code)
    # Without JavaScript: the whole page, with the refusal at the row.
    return TemplateResponse(
        request, "koppels/koppel_detail.html", _detail_context(request, koppel, rij_override=rij), status=status_code
    )


# Obstacles


def _obstakel(koppel: Koppel, obstakel_pk: int) -> Obstakel:
    return get_object_or_404(_obstakels(koppel), pk=obstakel_pk)


@login_required
@require_POST
@vary_on_headers("HX-Request")
@once_per_form
def obstakel_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a new obstacle."""
    koppel = _koppel(request, pk)
    if refused := _refuse_archived(request, koppel):
        return refused
    choices = _obstakel_form_choices()
    form = ObstakelForm(request.POST, auto_id="nieuw-obstakel-%s", **choices)
    if form.is_valid():
        try:
            obstakel = services.create_obstakel(koppel=koppel, by=request.user, **form.obstakel_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.htmx:
                messages.success(request, _("Obstakel ‘%(titel)s’ is toegevoegd.") % {"titel": obstakel.titel})
                return _see_other(_detail_url(koppel, f"obstakel-{obstakel.pk}"))
            context = {
                "koppel": koppel,
                "obstakels": list(_obstakels(koppel)),
                "nieuw_obstakel_form": ObstakelForm(auto_id="nieuw-obstakel-%s", **choices),
                "nieuw_obstakel_id": obstakel.pk,
                "melding": _("Obstakel ‘%(titel)s’ is toegevoegd.") % {"titel": obstakel.titel},
            }
            return TemplateResponse(request, "koppels/koppel_detail.html#obstakels", context)
    if request.htmx:
        context = {
            "koppel": koppel,
            "obstakels": list(_obstakels(koppel)),
            "nieuw_obstakel_form": form,
            "melding": _("Het obstakel is nog niet opgeslagen: verbeter de gemarkeerde velden."),
        }
        return TemplateResponse(request, "koppels/koppel_detail.html#obstakels", context, status=HTTP_UNPROCESSABLE)
    return TemplateResponse(
        request,
        "koppels/koppel_detail.html",
        _detail_context(request, koppel, nieuw_obstakel_form=form),
        status=HTTP_UNPROCESSABLE,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
@vary_on_headers("HX-Request")
def obstakel_detail(request: HttpRequest, pk: int, obstakel_pk: int) -> HttpResponse:
    """One obstacle's card (htmx: to cancel editing); without htmx, its place on the koppel's page."""
    koppel = _koppel(request, pk)
    obstakel = _obstakel(koppel, obstakel_pk)
    if not request.htmx:
        return _see_other(_detail_url(koppel, f"obstakel-{obstakel.pk}"))
    context = {"koppel": koppel, "obstakel": obstakel, "focus_obstakel": obstakel.pk}
    return TemplateResponse(request, "koppels/koppel_detail.html#obstakel-kaart", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def obstakel_update(request: HttpRequest, pk: int, obstakel_pk: int) -> HttpResponse:
    """Edit an obstacle: its state, how it was removed or escalated, what it concerns; refuses stale changes."""
    koppel = _koppel(request, pk)
    obstakel = _obstakel(koppel, obstakel_pk)
    choices = _obstakel_form_choices()
    auto_id = f"obstakel-{obstakel.pk}-%s"
    status_code = 200
    fout = ""
    if request.method == "POST":
        if refused := _refuse_archived(request, koppel):
            return refused
        form = ObstakelForm(request.POST, auto_id=auto_id, **choices)
        if form.is_valid() and form.cleaned_data["versie"] is None:
            form.add_error(None, _("Het formulier was niet compleet. Laad de pagina opnieuw en probeer het nog eens."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                obstakel = services.update_obstakel(
                    obstakel=obstakel, versie=data["versie"], by=request.user, **form.obstakel_fields()
                )
            except services.StaleChange:
                obstakel = _obstakel(koppel, obstakel_pk)
                wie = obstakel.updated_by or _("iemand anders")
                fout = _(
                    "Niet opgeslagen: %(wie)s heeft dit obstakel intussen gewijzigd. Het formulier toont nu de "
                    "huidige stand; je eigen tekst staat eronder, zodat je die kunt overnemen."
                ) % {"wie": wie}
                mijn = form.cleaned_data
                form = ObstakelForm(initial=ObstakelForm.initial_for(obstakel), auto_id=auto_id, **choices)
                form.mijn = mijn
                status_code = HTTP_CONFLICT
            except ValidationError as error:
                form.add_error(None, error)
                status_code = HTTP_UNPROCESSABLE
            else:
                if not request.htmx:
                    messages.success(request, _("Obstakel ‘%(titel)s’ is bijgewerkt.") % {"titel": obstakel.titel})
                    return _see_other(_detail_url(koppel, f"obstakel-{obstakel.pk}"))
                obstakel = _obstakel(koppel, obstakel.pk)
                context = {
                    "koppel": koppel,
                    "obstakel": obstakel,
                    "focus_obstakel": obstakel.pk,
                    "melding": _("Obstakel ‘%(titel)s’ is bijgewerkt: %(staat)s.")
                    % {"titel": obstakel.titel, "staat": obstakel.get_staat_display().lower()},
                }
                return TemplateResponse(request, "koppels/koppel_detail.html#obstakel-kaart", context)
        else:
            status_code = HTTP_UNPROCESSABLE
    elif koppel.is_gearchiveerd:
        return _see_other(_detail_url(koppel, f"obstakel-{obstakel.pk}"))  # read-only: nothing to edit
    else:
        form = ObstakelForm(initial=ObstakelForm.initial_for(obstakel), auto_id=auto_id, **choices)
    context = {
        "koppel": koppel,
        "obstakel": obstakel,
        "form": form,
        "fout": fout or (_("Niet opgeslagen: verbeter de gemarkeerde velden.") if status_code == 422 else ""),
        "nav": "koppels",
    }
    template = "koppels/obstakel_form.html#obstakel-bewerken" if request.htmx else "koppels/obstakel_form.html"
    return TemplateResponse(request, template, context, status=status_code)


# Invitations: managed by the programme team on the koppel's page


def _staff_koppel(request: HttpRequest, pk: int) -> Koppel:
    koppel = _koppel(request, pk)
    if not request.user.is_staff:
        raise PermissionDenied
    return koppel


@login_required
@require_POST
@once_per_form
def uitnodiging_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme team invites someone by email."""
    koppel = _staff_koppel(request, pk)
    form = UitnodigingForm(request.POST, auto_id="uitnodiging-%s")
    if form.is_valid() and not koppel.is_gearchiveerd:
        services.invite(
            koppel=koppel,
            email=form.cleaned_data["email"],
            rol=form.cleaned_data["rol"],
            by=request.user,
            request=request,
        )
        messages.success(request, _("Uitnodiging verstuurd aan %(email)s.") % {"email": form.cleaned_data["email"]})
        return _see_other(_detail_url(koppel, "leden"))
    context = _detail_context(request, koppel)
    context["uitnodiging_form"] = form
    if koppel.is_gearchiveerd:
        messages.error(request, str(services.KoppelGearchiveerd.message))
        return TemplateResponse(request, "koppels/koppel_detail.html", context, status=409)
    return TemplateResponse(request, "koppels/koppel_detail.html", context, status=HTTP_UNPROCESSABLE)


def _uitnodiging(koppel: Koppel, uitnodiging_pk: int) -> Uitnodiging:
    return get_object_or_404(koppel.uitnodigingen.select_related("koppel"), pk=uitnodiging_pk)


@login_required
@require_POST
def uitnodiging_resend(request: HttpRequest, pk: int, uitnodiging_pk: int) -> HttpResponse:
    """Send an invitation again, with a new link."""
    koppel = _staff_koppel(request, pk)
    uitnodiging = _uitnodiging(koppel, uitnodiging_pk)
    try:
        services.resend_invitation(uitnodiging=uitnodiging, by=request.user, request=request)
    except (services.UitnodigingOngeldig, services.KoppelGearchiveerd):
        messages.error(request, _("Deze uitnodiging kan niet opnieuw worden verstuurd."))
        return _see_other(_detail_url(koppel, "leden"))
    messages.success(request, _("Uitnodiging opnieuw verstuurd aan %(email)s.") % {"email": uitnodiging.email})
    return _see_other(_detail_url(koppel, "leden"))


@login_required
@require_POST
def uitnodiging_revoke(request: HttpRequest, pk: int, uitnodiging_pk: int) -> HttpResponse:
    """Revoke an invitation."""
    koppel = _staff_koppel(request, pk)
    uitnodiging = _uitnodiging(koppel, uitnodiging_pk)
    services.revoke_invitation(uitnodiging=uitnodiging, by=request.user)
    messages.success(request, _("Uitnodiging aan %(email)s ingetrokken.") % {"email": uitnodiging.email})
    return _see_other(_detail_url(koppel, "leden"))


# Accepting an invitation (no login needed: the link is the credential)


UITNODIGING_STATUS = {
    services.UitnodigingOngeldig.ONBEKEND: 404,
    services.UitnodigingOngeldig.VERLOPEN: 410,
    services.UitnodigingOngeldig.GEBRUIKT: 410,
    services.UitnodigingOngeldig.INGETROKKEN: 410,
    services.UitnodigingOngeldig.ANDER_ACCOUNT: 403,
    services.UitnodigingOngeldig.ACCOUNT_BESTAAT: 409,
}


@require_http_methods(["GET", "HEAD", "POST"])
def uitnodiging_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Open an invitation link: create an account, or log in and link it, and join the koppel."""
    try:
        uitnodiging = services.find_invitation(token)
    except services.UitnodigingOngeldig as invalid:
        return _invalid_invitation(request, invalid)
    user = request.user if request.user.is_authenticated else None
    account_bestaat = user is None and services.address_taken(uitnodiging.email)
    form = None
    # Posting an account form for an address that already has an account: refused, the page says to log in.
    status_code = 409 if account_bestaat and request.method == "POST" else 200
    if user is None and not account_bestaat:
        form = AccountAanmakenForm(request.POST or None, email=uitnodiging.email)
    if request.method == "POST" and not account_bestaat:
        if form is None or form.is_valid():
            try:
                lidmaatschap = services.accept_invitation(
                    token=token,
                    user=user,
                    naam=form.cleaned_data["naam"] if form else "",
                    password=form.cleaned_data["password1"] if form else "",
                )
            except services.UitnodigingOngeldig as invalid:
                return _invalid_invitation(request, invalid)
            except services.KoppelGearchiveerd:
                return _invalid_invitation(request, services.UitnodigingOngeldig("gearchiveerd", uitnodiging), 410)
            if user is None:
                login(request, lidmaatschap.user, backend="allauth.account.auth_backends.AuthenticationBackend")
            messages.success(
                request,
                _("Welkom! Je doet nu mee in het koppel van %(initiatief)s.")
                % {"initiatief": uitnodiging.koppel.initiatief},
            )
            return _see_other(lidmaatschap.koppel.get_absolute_url())
        status_code = HTTP_UNPROCESSABLE
    context = {
        "uitnodiging": uitnodiging,
        "form": form,
        "account_bestaat": account_bestaat,
        "ander_account": user is not None and user.email.lower() != uitnodiging.email.lower(),
        "login_url": f"{reverse('account_login')}?next={request.path}",
    }
    return TemplateResponse(request, "koppels/uitnodiging.html", context, status=status_code)


def _invalid_invitation(request: HttpRequest, invalid: services.UitnodigingOngeldig, status: int | None = None):
    context = {"reden": invalid.reden, "uitnodiging": invalid.uitnodiging}
    return TemplateResponse(
        request,
        "koppels/uitnodiging_ongeldig.html",
        context,
        status=status or UITNODIGING_STATUS.get(invalid.reden, 410),
    )
