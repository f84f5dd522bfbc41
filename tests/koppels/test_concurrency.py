"""Two people, one route: two truly concurrent changes from the same version on PostgreSQL; one wins."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from koppels.models import Actiestap, Status
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def _waiting_on_locks() -> int:
    with connection.cursor() as cursor:
        # Statistics are a snapshot per transaction; we poll inside one, so ask for a fresh snapshot each time.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def test_two_concurrent_requests_from_the_same_version_one_wins_one_is_refused():
    koppel = f.koppel_met_gids()
    ambtenaar, initiatiefnemer = (lid.user for lid in koppel.lidmaatschappen.order_by("rol"))
    stap = Actiestap.objects.filter(koppel=koppel).select_related("actie__wegwijzer").first()
    kwargs = {"pk": koppel.pk, "wegwijzer": stap.actie.wegwijzer.volgorde, "nummer": stap.actie.volgorde}
    url = reverse("koppels:actie_status", kwargs=kwargs)
    clients = {}
    for status, user in ((Status.GEDAAN, ambtenaar), (Status.NVT, initiatiefnemer)):
        clients[status] = Client()
        clients[status].force_login(user)
    results: dict[str, int] = {}

    def post(status: str) -> None:
        try:
            data = {"status": status, "versie": 0}
            results[status] = clients[status].post(url, data, HTTP_HX_REQUEST="true").status_code
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[status] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(status,)) for status in clients]
    # Hold the row ourselves until both requests are inside the database waiting for it: then they truly overlap.
    with transaction.atomic():
        Actiestap.objects.select_for_update().get(pk=stap.pk)
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while _waiting_on_locks() < 2:
            assert time.monotonic() < deadline, f"the two requests never both reached the row lock: {results}"
            time.sleep(0.02)
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values()) == [200, 409]
    winner = next(status for status, code in results.items() if code == 200)
    stap.refresh_from_db()
    assert (stap.status, stap.versie) == (winner, 1)
    assert stap.wijzigingen.count() == 1
