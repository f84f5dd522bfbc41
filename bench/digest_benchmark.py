#!/usr/bin/env python
"""Time and queries to build the daily digests (and stall reminders, the weekly summary) for the large seed.

    .venv/bin/python bench/digest_benchmark.py [--runs 3]

Starts a PostgreSQL of its own, loads the minigids and bench/seed.py (2,000 koppels, 4,000 members), then records a
day of changes the way koppels.services does (a Gebeurtenis with its gegevens per change): in every koppel the
ambtenaar sets two actions and a note, and undoes one of them again (A -> B -> A, which a digest must leave out);
every fourth koppel gets a new obstacle. Then it builds every due mail once per run and prints the time and the
number of queries; the queries do not depend on the number of koppels (tests/koppels/test_meldingen.py asserts
that with small numbers). Sending is per mail (one task each) and is measured separately, with Django's in-memory
mailer. A script, not a test: the figures depend on the machine.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.servers import PYTHON, Postgres, production_env  # noqa: E402


def record_a_day_of_changes() -> dict:
    """Bulk-insert the changes a day of work would log (the same gegevens as the services write)."""
    from django.utils import timezone

    from koppels.meldingen import events
    from koppels.models import Actiestap, Gebeurtenis, Koppel, Lidmaatschap, Obstakel, Rol, Staat, Status

    gisteren = timezone.now() - timedelta(hours=20)
    # The seed's members joined when it ran; in a real programme they joined long before yesterday's changes.
    Lidmaatschap.objects.update(created_at=gisteren - timedelta(days=30))
    ambtenaren = dict(
        Lidmaatschap.objects.filter(rol=Rol.AMBTENAAR).order_by("koppel_id", "pk").values_list("koppel_id", "user_id")
    )
    stappen: dict[int, list] = {}
    for stap in Actiestap.objects.order_by("koppel_id", "actie__wegwijzer__volgorde", "actie__volgorde").only(
        "id", "koppel_id", "status"
    ):
        stappen.setdefault(stap.koppel_id, []).append(stap)
    rows, obstakels = [], []
    for n, koppel_id in enumerate(Koppel.objects.values_list("pk", flat=True)):
        wie = ambtenaren[koppel_id]
        eerste, tweede = stappen[koppel_id][0], stappen[koppel_id][1]
        moment = gisteren + timedelta(seconds=n)
        nieuw = Status.GEDAAN if eerste.status != Status.GEDAAN else Status.BEZIG

        def log(soort, gegevens, minuten=0, koppel_id=koppel_id, wie=wie, moment=moment):
            return Gebeurtenis(
                koppel_id=koppel_id,
                user_id=wie,
                soort=soort,
                omschrijving="Bench",
                gegevens=gegevens,
                created_at=moment + timedelta(minutes=minuten),
            )

        rows += [
            log(Gebeurtenis.Soort.STATUS, {"actiestap": eerste.pk, "voor": eerste.status, "na": nieuw}),
            log(
                Gebeurtenis.Soort.NOTITIE,
                {"actiestap": eerste.pk, "voor": events.text_hash("a"), "na": events.text_hash("b")},
            ),
            # Set and undone within the day: nets to nothing.
            log(Gebeurtenis.Soort.STATUS, {"actiestap": tweede.pk, "voor": tweede.status, "na": Status.NVT}, 1),
            log(Gebeurtenis.Soort.STATUS, {"actiestap": tweede.pk, "voor": Status.NVT, "na": tweede.status}, 2),
        ]
        if n % 4 == 0:
            obstakels.append(
                Obstakel(
                    koppel_id=koppel_id,
                    titel=f"Nieuw obstakel {n}",
                    beschrijving="Vandaag tegengekomen.",
                    staat=Staat.GESIGNALEERD,
                    created_by_id=wie,
                    updated_by_id=wie,
                    created_at=moment,
                )
            )
    for obstakel in Obstakel.objects.bulk_create(obstakels):
        rows.append(
            Gebeurtenis(
                koppel_id=obstakel.koppel_id,
                user_id=obstakel.created_by_id,
                soort=Gebeurtenis.Soort.OBSTAKEL,
                omschrijving=obstakel.titel,
                gegevens=events.obstakel_created(obstakel),
                created_at=obstakel.created_at,
            )
        )
    Gebeurtenis.objects.bulk_create(rows, batch_size=5000)
    return {"wijzigingen": len(rows), "nieuwe_obstakels": len(obstakels)}


def measure(label: str, function, runs: int) -> tuple[int, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, result = [], 0, []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - start)
        queries = len(context.captured_queries)
    median = statistics.median(times)
    print(f"{label:<32} {len(result):>6} mails  {median:7.2f} s (median of {runs})  {queries:>3} queries", flush=True)
    return len(result), median, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-send", action="store_true", help="only build, do not send")
    args = parser.parse_args()

    postgres = Postgres()
    try:
        postgres.prepare("minigids", "initiatieven")
        subprocess.run(
            [PYTHON, "-m", "bench.seed"],
            cwd=ROOT,
            env=production_env(DATABASE_URL=postgres.url, LOG_LEVEL="WARNING"),
            capture_output=True,
            check=True,
        )
        os.environ.update(production_env(DATABASE_URL=postgres.url, LOG_LEVEL="WARNING"))
        os.environ["DJANGO_SETTINGS_MODULE"] = "incubator.settings"
        import django

        django.setup()
        import logging

        logging.getLogger("django.tasks").setLevel(logging.WARNING)  # a line per task would drown the figures
        from django.conf import settings
        from django.utils import timezone

        from koppels.meldingen import build, delivery
        from koppels.models import Koppel

        settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        extra = record_a_day_of_changes()
        print(
            f"seed: {Koppel.objects.count():,} koppels, {extra['wijzigingen']:,} recorded changes in the last day "
            f"({extra['nieuwe_obstakels']:,} new obstacles), Python {sys.version.split()[0]}, {os.cpu_count()} cores"
        )
        nu = timezone.now() + timedelta(days=1)
        measure("daily digests (build)", lambda: build.change_digests(nu=nu), args.runs)
        measure("stall reminders (build)", lambda: build.stall_reminders(nu=nu), args.runs)
        measure("weekly summary (build)", lambda: build.weekly_summaries(nu=nu), args.runs)
        if not args.skip_send:
            from django.core import mail

            mail.outbox = []
            start = time.perf_counter()
            resultaat = delivery.run_due(nu=nu)
            seconds = time.perf_counter() - start
            print(
                f"{'build, claim and send all':<32} {resultaat.verstuurd:>6} mails  {seconds:7.2f} s "
                f"({1000 * seconds / max(1, resultaat.verstuurd):.1f} ms a mail, in-memory mailer)"
            )
            again = delivery.run_due(nu=nu)
            print(f"{'the same run again':<32} {again.verstuurd:>6} mails  (nothing is sent twice)")
    finally:
        postgres.destroy()


if __name__ == "__main__":
    main()
