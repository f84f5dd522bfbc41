"""Building the mails that are due: reads only, a fixed number of queries however many koppels or people.

A mail is built from the activity log's recorded changes (Gebeurtenis.gegevens), netted per thing changed: a status
that went A -> B -> A within the period is no change and is not told. Only koppels the recipient is a member of now
(active koppel, active account) are told about, never their own changes.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koppels.meldingen import rhythm
from koppels.meldingen.models import Meldingvoorkeur, Ritme, Soort, Verzending
from koppels.models import Actiestap, Gebeurtenis, Koppel, Lidmaatschap, Obstakel, Staat, Status
from koppels.route import AFGEROND, progress_for_koppels
from koppels.werkruimte import stats
from wegwijzers.models import Actie

User = get_user_model()

NOTITIE_IN_MAIL = 300  # characters of a note quoted in a mail; the rest is on the site
VOLGENDE_ACTIES = 3


@dataclass
class Bericht:
    """One built mail, ready to be claimed (a Verzending row) and sent."""

    user_id: int
    soort: str
    sleutel: str
    onderwerp: str
    tekst: str
    html: str
    van: datetime | None = None
    tot: datetime | None = None


@dataclass
class Ontvanger:
    id: int
    email: str
    naam: str
    is_staff: bool
    koppels: dict[int, datetime] = field(default_factory=dict)  # koppel id -> member since

    @property
    def aanhef(self) -> str:
        return self.naam or self.email


def _ritmes(soort: str) -> dict[int, str]:
    return dict(Meldingvoorkeur.objects.filter(soort=soort).values_list("user_id", "ritme"))


def _render(soort: str, context: dict) -> tuple[str, str, str]:
    """Subject, text and HTML of a mail; both kinds of change digest share one body."""
    onderwerp = " ".join(render_to_string(f"meldingen/mail/{soort}_onderwerp.txt", context).split())
    context["onderwerp"] = onderwerp
    body = "wijzigingen" if soort in WIJZIGING_SOORTEN else soort
    tekst = render_to_string(f"meldingen/mail/{body}.txt", context)
    return onderwerp, tekst, render_to_string(f"meldingen/mail/{body}.html", context)


def _context(ontvanger: Ontvanger, soort: str, **extra) -> dict:
    return {
        "ontvanger": ontvanger,
        "soort": Soort(soort),
        "uitschrijven_url": rhythm.unsubscribe_url(ontvanger.id, soort),
        "instellingen_url": rhythm.absolute(reverse("meldingen:instellingen")),
        "portal_url": rhythm.absolute("/"),
        **extra,
    }


def _members() -> dict[int, Ontvanger]:
    """Every active person with their active koppels (one query)."""
    ontvangers: dict[int, Ontvanger] = {}
    rows = Lidmaatschap.objects.filter(user__is_active=True, koppel__gearchiveerd_at__isnull=True).values_list(
        "user_id", "user__email", "user__naam", "user__is_staff", "koppel_id", "created_at"
    )
    for user_id, email, naam, is_staff, koppel_id, sinds in rows:
        ontvanger = ontvangers.setdefault(user_id, Ontvanger(user_id, email, naam, is_staff))
        ontvanger.koppels[koppel_id] = sinds
    return ontvangers


# Changes in koppels: partner activity and the programme team's obstacle changes.


@dataclass
class Verandering:
    """The net change of one thing (an action's status or note, an obstacle, a membership) within a period."""

    sleutel: tuple
    koppel_id: int
    eerste: dict
    laatste: dict
    auteurs: list = field(default_factory=list)  # (user id or None, name, is_staff), in order
    nieuw_door: int | None = None  # an obstacle created within the period: by whom

    def anderen(self, ik: int) -> list:
        return [a for a in self.auteurs if a[0] != ik]


def _changes(events: list[Gebeurtenis]) -> list[Verandering]:
    """Net changes per thing, from a period's events in order."""
    per_ding: dict[tuple, Verandering] = {}
    for event in events:
        g = event.gegevens
        if "actiestap" in g:
            sleutel = (event.soort, g["actiestap"])
        elif "obstakel" in g:
            sleutel = ("obstakel", g["obstakel"])
        elif "lid" in g:
            sleutel = ("lid", g["lid"], event.pk)
        else:
            continue
        auteur = _auteur(event)
        verandering = per_ding.get(sleutel)
        if verandering is None:
            verandering = per_ding[sleutel] = Verandering(sleutel, event.koppel_id, eerste=g, laatste=g)
            if g.get("nieuw"):
                verandering.nieuw_door = event.user_id
        verandering.laatste = g
        if auteur not in verandering.auteurs:
            verandering.auteurs.append(auteur)
    return list(per_ding.values())


def _auteur(event: Gebeurtenis) -> tuple:
    """(user id, name, is staff) of whoever made a change; a removed account is "voormalig deelnemer"."""
    if event.user is None:
        return (None, _("voormalig deelnemer"), False)
    return (event.user_id, str(event.user), event.user.is_staff)


def _is_change(v: Verandering, ik: int) -> bool:
    if v.sleutel[0] == "lid" or (v.nieuw_door is not None and v.nieuw_door != ik):
        return True
    # A change undone within the period (A -> B -> A) is no change; an obstacle I created counts from its start.
    voor = v.eerste.get("na") if v.nieuw_door is not None else v.eerste.get("voor")
    return voor != v.laatste.get("na")


def _is_team(auteur, leden: set[int]) -> bool:
    return auteur[2] and auteur[0] not in leden


WIJZIGING_SOORTEN = (Soort.ACTIVITEIT, Soort.TEAM_OBSTAKEL)


def _period(ritme: str, van: datetime, nu: datetime, direct: bool) -> datetime | None:
    """End of the period to report now, or None when nothing is due (its period has not closed yet)."""
    if ritme == Ritme.NOOIT:
        return None
    # Changes of the last seconds wait for the next run: their transaction may not be visible yet.
    tot = nu if direct else rhythm.period_end(ritme, nu - rhythm.marge())
    return tot if tot > van else None


def change_digests(*, nu: datetime | None = None, direct: bool = False) -> list[Bericht]:
    """The due mails about changes in koppels (partner activity and the team's obstacle changes).

    `direct` closes every open period now (for trying it out: `meldingen_versturen --nu`). Nine queries at most.
    """
    nu = nu or timezone.now()
    ontvangers = _members()
    due = _due_periods(ontvangers, nu, direct)
    if not due:
        return []
    per_koppel = _events(due)
    leden_van: dict[int, set[int]] = defaultdict(set)
    for ontvanger in ontvangers.values():
        for koppel_id in ontvanger.koppels:
            leden_van[koppel_id].add(ontvanger.id)
    te_vertellen = []
    for ontvanger, soort, van, tot in due:
        veranderingen = _to_tell(ontvanger, soort, van, tot, per_koppel, leden_van)
        if veranderingen:
            te_vertellen.append((ontvanger, soort, van, tot, veranderingen))
    if not te_vertellen:
        return []
    return _render_digests(te_vertellen, ontvangers)


def _due_periods(ontvangers: dict[int, Ontvanger], nu: datetime, direct: bool) -> list[tuple]:
    """Per person and kind: the period [van, tot) that is due now (three queries)."""
    ritmes = {soort: _ritmes(soort) for soort in WIJZIGING_SOORTEN}
    laatst = defaultdict(dict)
    for user_id, soort, tot in (
        Verzending.objects.filter(soort__in=WIJZIGING_SOORTEN, tot__isnull=False)
        .values("user_id", "soort")
        .annotate(laatst=Max("tot"))
        .values_list("user_id", "soort", "laatst")
    ):
        laatst[soort][user_id] = tot
    due = []
    for ontvanger in ontvangers.values():
        for soort in WIJZIGING_SOORTEN:
            ritme = ritmes[soort].get(ontvanger.id, rhythm.STANDAARD[soort])
            van = laatst[soort].get(ontvanger.id, rhythm.BEGIN)
            tot = _period(ritme, van, nu, direct)
            if tot is not None:
                due.append((ontvanger, soort, van, tot))
    return due


def _events(due: list[tuple]) -> dict[int, list[Gebeurtenis]]:
    """Every recorded change any due period covers, per koppel, in order (one query)."""
    vroegst = min(van for _o, _s, van, _t in due)
    laatste_tot = max(tot for _o, _s, _v, tot in due)
    events = (
        Gebeurtenis.objects.filter(
            created_at__gte=vroegst, created_at__lt=laatste_tot, koppel__gearchiveerd_at__isnull=True
        )
        .exclude(gegevens={})
        .select_related("user")
        .order_by("created_at", "pk")
    )
    per_koppel: dict[int, list[Gebeurtenis]] = defaultdict(list)
    for event in events:
        per_koppel[event.koppel_id].append(event)
    return per_koppel


def _to_tell(ontvanger: Ontvanger, soort: str, van, tot, per_koppel, leden_van) -> list[Verandering]:
    """The net changes of this person's koppels in the period that this kind of mail tells them."""
    gevonden = []
    for koppel_id, sinds in ontvanger.koppels.items():
        begin = max(van, sinds)
        periode = [e for e in per_koppel.get(koppel_id, ()) if begin <= e.created_at < tot]
        if soort == Soort.TEAM_OBSTAKEL:
            # Only the team's own obstacle changes, netted among themselves: what the team did.
            periode = [e for e in periode if "obstakel" in e.gegevens and _is_team(_auteur(e), leden_van[koppel_id])]
        for v in _changes(periode):
            anderen = v.anderen(ontvanger.id)
            if not anderen or not _is_change(v, ontvanger.id):
                continue
            if v.sleutel[0] == "lid" and v.sleutel[1] == ontvanger.id:
                continue
            team = v.sleutel[0] == "obstakel" and all(_is_team(a, leden_van[koppel_id]) for a in anderen)
            if (soort == Soort.TEAM_OBSTAKEL) == team:
                gevonden.append(v)
    return gevonden


def _render_digests(te_vertellen: list[tuple], ontvangers: dict[int, Ontvanger]) -> list[Bericht]:
    """The mails, showing what is on the site now (four queries for all of them)."""
    alle = [v for *_r, vs in te_vertellen for v in vs]
    stappen = Actiestap.objects.select_related("actie__wegwijzer").in_bulk(
        {v.sleutel[1] for v in alle if v.sleutel[0] not in ("obstakel", "lid")}
    )
    obstakels = Obstakel.objects.in_bulk({v.sleutel[1] for v in alle if v.sleutel[0] == "obstakel"})
    koppel_ids = {v.koppel_id for v in alle}
    koppels = Koppel.objects.select_related("initiatief", "cohort").in_bulk(koppel_ids)
    gelezen = {
        "stappen": stappen,
        "obstakels": obstakels,
        "koppels": koppels,
        "namen": {o.id: o.aanhef for o in ontvangers.values()},
        "rollen": {
            (k, u): r
            for k, u, r in Lidmaatschap.objects.filter(koppel_id__in=koppel_ids).values_list(
                "koppel_id", "user_id", "rol"
            )
        },
    }
    berichten = []
    for ontvanger, soort, van, tot, veranderingen in te_vertellen:
        groepen = defaultdict(list)
        for v in veranderingen:
            regel = _regel(v, ontvanger, **gelezen)
            if regel is not None:
                groepen[v.koppel_id].append(regel)
        if not groepen:
            continue
        blokken = [
            {
                "koppel": koppels[koppel_id],
                "url": rhythm.absolute(koppels[koppel_id].get_absolute_url()),
                "regels": sorted(regels, key=lambda r: r["volgorde"]),
            }
            for koppel_id, regels in sorted(groepen.items(), key=lambda kv: str(koppels[kv[0]].initiatief))
        ]
        aantal = sum(len(b["regels"]) for b in blokken)
        context = _context(ontvanger, soort, koppels=blokken, aantal=aantal, van=van, tot=tot)
        onderwerp, tekst, html = _render(soort, context)
        berichten.append(Bericht(ontvanger.id, soort, van.isoformat(), onderwerp, tekst, html, van=van, tot=tot))
    return berichten


def _regel(v: Verandering, ontvanger, stappen, obstakels, koppels, namen, rollen) -> dict | None:
    """One line of a digest: what changed, by whom, where to see it."""
    koppel = koppels[v.koppel_id]
    door = ", ".join(naam for _id, naam, _staff in v.anderen(ontvanger.id))
    soort = v.sleutel[0]
    if soort == "lid":
        user_id = v.sleutel[1]
        rol = rollen.get((v.koppel_id, user_id))
        if rol is None:
            return None  # left again since
        return {
            "volgorde": (3, 0),
            "tekst": _("%(wie)s doet nu mee als %(rol)s") % {"wie": namen.get(user_id, door), "rol": _rol(rol)},
            "door": "",
            "url": rhythm.absolute(koppel.get_absolute_url() + "#leden"),
        }
    if soort == "obstakel":
        obstakel = obstakels.get(v.sleutel[1])
        if obstakel is None:
            return None
        url = rhythm.absolute(reverse("koppels:obstakel", kwargs={"pk": koppel.pk, "obstakel_pk": obstakel.pk}))
        if v.nieuw_door is not None and v.nieuw_door != ontvanger.id:
            tekst = _("Nieuw obstakel: %(titel)s (%(staat)s)") % {
                "titel": obstakel.titel,
                "staat": obstakel.get_staat_display().lower(),
            }
        else:
            voor = (v.eerste.get("voor") or v.eerste.get("na") or {}).get("staat")
            if voor and voor != obstakel.staat:
                tekst = _("Obstakel ‘%(titel)s’: %(voor)s → %(na)s") % {
                    "titel": obstakel.titel,
                    "voor": Staat(voor).label.lower(),
                    "na": obstakel.get_staat_display().lower(),
                }
            else:
                tekst = _("Obstakel ‘%(titel)s’ bijgewerkt") % {"titel": obstakel.titel}
        return {"volgorde": (2, -obstakel.pk), "tekst": tekst, "door": door, "url": url}
    stap = stappen.get(v.sleutel[1])
    if stap is None:
        return None
    actie = stap.actie
    nummer = f"{actie.wegwijzer.volgorde}.{actie.volgorde}"
    url = rhythm.absolute(koppel.get_absolute_url() + f"#actie-{actie.pk}")
    volgorde = (1, actie.wegwijzer.volgorde, actie.volgorde, 0 if soort == Gebeurtenis.Soort.STATUS else 1)
    if soort == Gebeurtenis.Soort.STATUS:
        tekst = _("Actie %(nummer)s: %(voor)s → %(na)s") % {
            "nummer": nummer,
            "voor": Status(v.eerste["voor"]).label.lower(),
            "na": stap.get_status_display().lower(),
        }
        return {"volgorde": volgorde, "tekst": tekst, "actie": actie.tekst, "door": door, "url": url}
    notitie = stap.notitie
    if len(notitie) > NOTITIE_IN_MAIL:
        notitie = notitie[:NOTITIE_IN_MAIL].rstrip() + "…"
    tekst = _("Actie %(nummer)s: notitie bijgewerkt") % {"nummer": nummer}
    return {"volgorde": volgorde, "tekst": tekst, "actie": actie.tekst, "notitie": notitie, "door": door, "url": url}


def _rol(rol: str) -> str:
    from koppels.models import Rol

    return Rol(rol).label.lower()


# Stall reminders: once per stall (the stall is known by the time of the koppel's last change).


def stall_reminders(*, nu: datetime | None = None, weken: int | None = None) -> list[Bericht]:
    """Reminders to the members of every active koppel that has stalled, once per stall (six queries)."""
    from django.conf import settings

    nu = nu or timezone.now()
    weken = weken or settings.WERKRUIMTE_STIL_NA_WEKEN
    grens = nu - timedelta(weeks=weken)
    koppels = {
        k.pk: k
        for k in Koppel.objects.actief().filter(laatste_activiteit_at__lt=grens).select_related("initiatief", "cohort")
    }
    if not koppels:
        return []
    ritmes = _ritmes(Soort.STIL)
    sleutels = {pk: f"{pk}:{k.laatste_activiteit_at.isoformat()}" for pk, k in koppels.items()}
    al_gestuurd = set(
        Verzending.objects.filter(soort=Soort.STIL, sleutel__in=sleutels.values()).values_list("user_id", "sleutel")
    )
    leden = Lidmaatschap.objects.filter(koppel_id__in=koppels, user__is_active=True).values_list(
        "koppel_id", "user_id", "user__email", "user__naam", "user__is_staff"
    )
    te_sturen = [
        (koppel_id, Ontvanger(user_id, email, naam, is_staff))
        for koppel_id, user_id, email, naam, is_staff in leden
        if ritmes.get(user_id, rhythm.STANDAARD[Soort.STIL]) != Ritme.NOOIT
        and (user_id, sleutels[koppel_id]) not in al_gestuurd
    ]
    if not te_sturen:
        return []
    volgende = _next_actions({koppel_id for koppel_id, _o in te_sturen})
    berichten = []
    for koppel_id, ontvanger in te_sturen:
        koppel = koppels[koppel_id]
        stil_weken = max(weken, (nu - koppel.laatste_activiteit_at).days // 7)
        acties = [
            {"actie": actie, "url": rhythm.absolute(koppel.get_absolute_url() + f"#actie-{actie.pk}")}
            for actie in volgende.get(koppel_id, [])
        ]
        context = _context(
            ontvanger,
            Soort.STIL,
            koppel=koppel,
            url=rhythm.absolute(koppel.get_absolute_url()),
            weken=stil_weken,
            acties=acties,
        )
        onderwerp, tekst, html = _render(Soort.STIL, context)
        berichten.append(Bericht(ontvanger.id, Soort.STIL, sleutels[koppel_id], onderwerp, tekst, html))
    return berichten


def _next_actions(koppel_ids: set[int]) -> dict[int, list[Actie]]:
    """The first unfinished actions of each koppel's route, in the booklet's order (two queries)."""
    acties = list(Actie.objects.huidig().select_related("wegwijzer").order_by("wegwijzer__volgorde", "volgorde"))
    klaar = defaultdict(set)
    for koppel_id, actie_id in Actiestap.objects.filter(koppel_id__in=koppel_ids, status__in=AFGEROND).values_list(
        "koppel_id", "actie_id"
    ):
        klaar[koppel_id].add(actie_id)
    return {
        koppel_id: [a for a in acties if a.pk not in klaar[koppel_id]][:VOLGENDE_ACTIES] for koppel_id in koppel_ids
    }


# The programme team's weekly summary per cohort.


def weekly_summaries(*, nu: datetime | None = None) -> list[Bericht]:
    """The week's summary for every active team member who has not had this week's yet (seven queries)."""
    from django.conf import settings

    nu = nu or timezone.now()
    tot = rhythm.period_end(Ritme.WEKELIJKS, nu - rhythm.marge())
    sleutel = tot.isoformat()
    ritmes = _ritmes(Soort.OVERZICHT)
    al_gestuurd = set(
        Verzending.objects.filter(soort=Soort.OVERZICHT, sleutel=sleutel).values_list("user_id", flat=True)
    )
    team = [
        Ontvanger(pk, email, naam, True)
        for pk, email, naam in User.objects.filter(is_active=True, is_staff=True).values_list("pk", "email", "naam")
        if pk not in al_gestuurd and ritmes.get(pk, rhythm.STANDAARD[Soort.OVERZICHT]) != Ritme.NOOIT
    ]
    if not team:
        return []
    cohorten = cohort_figures(van=tot - timedelta(weeks=1), tot=tot, weken=settings.WERKRUIMTE_STIL_NA_WEKEN)
    if not cohorten:
        return []
    berichten = []
    for ontvanger in team:
        context = _context(
            ontvanger,
            Soort.OVERZICHT,
            cohorten=cohorten,
            van=tot - timedelta(weeks=1),
            tot=tot,
            weken=settings.WERKRUIMTE_STIL_NA_WEKEN,
            werkruimte_url=rhythm.absolute(reverse("werkruimte:home")),
        )
        onderwerp, tekst, html = _render(Soort.OVERZICHT, context)
        berichten.append(Bericht(ontvanger.id, Soort.OVERZICHT, sleutel, onderwerp, tekst, html, tot=tot))
    return berichten


def cohort_figures(*, van: datetime, tot: datetime, weken: int) -> list[dict]:
    """Per cohort with active koppels: the werkruimte's figures (progress, stalled, obstacles) for one week."""
    koppels = list(Koppel.objects.actief().select_related("cohort").order_by("cohort__naam"))
    if not koppels:
        return []
    voortgang = progress_for_koppels(koppels)
    per_cohort: dict[int, dict] = {}
    for koppel in koppels:
        rij = per_cohort.setdefault(
            koppel.cohort_id,
            {"cohort": koppel.cohort, "koppels": 0, "afgerond": 0, "acties": 0, "stil": 0},
        )
        rij["koppels"] += 1
        rij["afgerond"] += voortgang[koppel.pk].afgerond
        rij["acties"] += voortgang[koppel.pk].totaal
        rij["stil"] += stats.is_stil(koppel, weken)
    actieve = stats.obstakels_voor().filter(koppel__gearchiveerd_at__isnull=True)
    staten = stats.per_cohort(actieve)
    nieuw = stats.per_cohort(actieve.filter(created_at__gte=van, created_at__lt=tot))
    rijen = []
    for cohort_id, rij in per_cohort.items():
        rij["percentage"] = round(100 * rij["afgerond"] / rij["acties"]) if rij["acties"] else 0
        rij["open_obstakels"] = sum(staten.get(cohort_id, {}).get(s, 0) for s in stats.OPEN_STATEN)
        rij["structureel"] = staten.get(cohort_id, {}).get(Staat.STRUCTUREEL, 0)
        rij["nieuwe_obstakels"] = sum(nieuw.get(cohort_id, {}).values())
        rij["url"] = rhythm.absolute(reverse("werkruimte:cohort", args=[rij["cohort"].slug]))
        rij["samenvatting"] = ngettext("%(n)d actief koppel", "%(n)d actieve koppels", rij["koppels"]) % {
            "n": rij["koppels"]
        }
        rijen.append(rij)
    return rijen
