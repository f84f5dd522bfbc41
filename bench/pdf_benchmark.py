#!/usr/bin/env python
"""Generation time and peak memory of the PDFs; how fast /minigids.pdf answers after start-up and after an edit.

    .venv/bin/python bench/pdf_benchmark.py [--runs 3]

It builds a throwaway SQLite database with the shipped minigids and one koppel whose every action has a state, a
note and whose route has obstacles, then measures each case in a fresh process, so that each peak (resident set
size, from getrusage) belongs to that case alone. A script, not a test: the figures depend on the machine.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ("minigids-a5", "minigids-a4", "minigids-drukproef", "doelgroep-a5", "route")


def setup_django(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incubator.settings")
    import django

    django.setup()


def build_database(database: Path) -> None:
    setup_django(database)
    from django.core.management import call_command

    from tests.factories import KoppelFactory, UserFactory, vul_route

    call_command("migrate", verbosity=0)
    call_command("loaddata", "minigids", "initiatieven", verbosity=0)
    ambtenaar = UserFactory(naam="Anna Ambtenaar")
    koppel = KoppelFactory(ambtenaar=ambtenaar, initiatiefnemer=UserFactory(naam="Ivo Initiatiefnemer"))
    vul_route(koppel, door=ambtenaar)


def measure(case: str, database: Path, runs: int) -> None:
    """Runs in its own process: prints one line of tab-separated figures."""
    import resource
    import tracemalloc

    setup_django(database)
    start = time.perf_counter()
    import weasyprint  # noqa: F401 - timed on purpose

    import_seconds = time.perf_counter() - start
    from koppels.models import Koppel
    from wegwijzers import pdf

    koppel = Koppel.objects.select_related("initiatief", "cohort").first()

    def render():
        if case == "route":
            from koppels.views.pdf import render_route_pdf  # noqa: PLC0415

            return render_route_pdf(koppel)
        soort, formaat = case.split("-", 1)
        if soort == "doelgroep":
            return pdf.render_minigids(pdf.Selectie(formaat=formaat, soort="doelgroep", waarden=("ambtenaar",)))
        return pdf.render_minigids(pdf.Selectie(formaat=formaat))

    times, pages, size = [], 0, 0
    for _ in range(runs):
        start = time.perf_counter()
        data, pages = render()
        times.append(time.perf_counter() - start)
        size = len(data)
    # One more render under tracemalloc, apart from the timed ones: tracing slows Python down about twofold.
    tracemalloc.start()
    render()
    python_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        "\t".join(
            str(value)
            for value in (
                case,
                pages,
                round(size / 1024),
                f"{times[0]:.2f}",
                f"{statistics.median(times):.2f}",
                f"{import_seconds:.2f}",
                round(python_peak / 2**20),
                round(rss_kib / 1024),
            )
        )
    )


def measure_warm_up(database: Path) -> None:
    """As `make serve` runs it (TASKS_BACKEND=db): start-up command, worker, GET /minigids.pdf, an edit, again."""
    os.environ["TASKS_BACKEND"] = "db"
    setup_django(database)
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    from wegwijzers.models import Actie

    client = Client(HTTP_HOST="127.0.0.1")

    def get_ms() -> tuple[int, float]:
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            response = client.get("/minigids.pdf")
            timings.append((time.perf_counter() - start) * 1000)
        return response.status_code, statistics.median(timings)

    def worker_seconds() -> float:
        start = time.perf_counter()
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
        return time.perf_counter() - start

    with open(os.devnull, "w") as quiet:  # noqa: PTH123
        call_command("minigids_pdfs", stdout=quiet)  # start-up: queues A5, A4 and drukproef
    print(f"start-up task (A5 + A4 + drukproef) by the worker\t{worker_seconds():.1f} s")
    status, ms = get_ms()
    print(f"GET /minigids.pdf after start-up\t{status}\t{ms:.0f} ms (median of 5)")
    with transaction.atomic():  # an edit as the admin saves it: the signals queue the whole guide on commit
        actie = Actie.objects.order_by("pk").first()
        actie.tekst += " (bewerkt)"
        actie.save()
    status, ms = get_ms()
    print(f"GET /minigids.pdf right after the edit (previous edition)\t{status}\t{ms:.0f} ms")
    print(f"task after the edit (A5 + A4 + drukproef) by the worker\t{worker_seconds():.1f} s")
    status, ms = get_ms()
    print(f"GET /minigids.pdf once the task ran (new edition)\t{status}\t{ms:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="renders per case (default 3)")
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--warm-up", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build_database(args.db)
        return
    if args.case:
        measure(args.case, args.db, args.runs)
        return
    if args.warm_up:
        measure_warm_up(args.db)
        return

    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        # Each step in its own process: Django is set up once per process, for one database.
        subprocess.run([sys.executable, __file__, "--db", str(database), "--build"], check=True)
        header = ("case", "pages", "KiB", "first s", "median s", "import s", "py peak MiB", "max RSS MiB")
        print(f"PDF benchmark, {args.runs} render(s) per case, Python {sys.version.split()[0]}")
        print("\t".join(header))
        for case in CASES:
            subprocess.run(
                [sys.executable, __file__, "--db", str(database), "--case", case, "--runs", str(args.runs)], check=True
            )
        print("Nobody waits (TASKS_BACKEND=db, as make serve):")
        subprocess.run([sys.executable, __file__, "--db", str(database), "--warm-up"], check=True)


if __name__ == "__main__":
    main()
