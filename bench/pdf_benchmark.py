#!/usr/bin/env python
"""Generation time and peak memory of the PDFs: the whole minigids (A5 and A4) and a full koppel route.

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
CASES = ("minigids-a5", "minigids-a4", "route")


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
            return pdf.render_route(koppel)
        return pdf.render_minigids(pdf.Selectie(formaat=case.rsplit("-", 1)[1]))

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="renders per case (default 3)")
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build_database(args.db)
        return
    if args.case:
        measure(args.case, args.db, args.runs)
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


if __name__ == "__main__":
    main()
