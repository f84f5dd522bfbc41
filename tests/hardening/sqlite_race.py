"""Run by tests/hardening/test_sqlite.py in a process of its own, on the SQLite database `make run` uses.

Ten rounds of four people changing the same koppel's route at the same moment (two on the same action, two on
others), as threads with a connection each (as runserver serves requests). Prints the outcomes as JSON.
"""

import json
import os
import sys
import threading

import django

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incubator.settings")
django.setup()

from django.db import OperationalError, connection  # noqa: E402

from koppels import services  # noqa: E402
from koppels.models import Koppel, Status  # noqa: E402
from tests.factories import koppel_met_gids, member_of  # noqa: E402
from wegwijzers.models import Actie  # noqa: E402

koppel = koppel_met_gids()
user = member_of(koppel)
acties = list(Actie.objects.order_by("pk")[:3])
outcomes = {"ok": 0, "stale": 0, "locked": 0, "other": []}
lock = threading.Lock()


def change(actie: Actie, status: str, barrier: threading.Barrier) -> None:
    try:
        mine = Koppel.objects.get(pk=koppel.pk)
        versie = mine.actiestappen.get(actie=actie).versie
        barrier.wait()
        services.set_actie(koppel=mine, actie=actie, status=status, notitie="", versie=versie, by=user)
        result = "ok"
    except services.StaleChange:
        result = "stale"
    except OperationalError as error:
        result = "locked" if "locked" in str(error) else repr(error)
    except Exception as error:  # noqa: BLE001 - reported, the test fails on it
        result = repr(error)
    finally:
        connection.close()
    with lock:
        if result in outcomes:
            outcomes[result] += 1
        else:
            outcomes["other"].append(result)


for round_ in range(10):
    status = [Status.BEZIG, Status.GEDAAN][round_ % 2]
    barrier = threading.Barrier(4)
    threads = [
        threading.Thread(target=change, args=(acties[0], status, barrier)),
        threading.Thread(target=change, args=(acties[0], Status.NVT, barrier)),
        threading.Thread(target=change, args=(acties[1], status, barrier)),
        threading.Thread(target=change, args=(acties[2], status, barrier)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

print(json.dumps(outcomes))
