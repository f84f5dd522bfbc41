"""CPU time per request, Python and PostgreSQL apart: steadier than req/s on a shared, busy machine.

    .venv/bin/python -m bench.cpu [--requests N] [PATH ...]

Seeds the benchmark's programme into a PostgreSQL of its own (as bench/run.py), calls the production WSGI handler
in this process (page copies on, as `make serve`) and reads the CPU time this process and its database backend spent
per request. "{n}" in a path becomes a new number each request (a new question each time). Default paths: a static
file, the empty search page rendered afresh, a new question that finds nothing and one that finds something.
"""

import argparse
import io
import itertools
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.run import seed
from bench.servers import Postgres, production_env

PATHS = [
    "/static/css/base.css",
    "/zoeken/?n={n}",
    "/zoeken/?q=gemeente+buurt+{n}",
    "/zoeken/?q=gemeente+buurt+or+{n}",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per path")
    parser.add_argument("paths", nargs="*", default=PATHS)
    args = parser.parse_args()
    postgres = Postgres()
    static_root = Path(tempfile.mkdtemp(prefix="bench-static."))
    try:
        postgres.prepare("minigids", "initiatieven")
        postgres.manage("collectstatic", "--noinput", "-v0", STATIC_ROOT=str(static_root))
        seed(postgres)
        os.environ["STATIC_ROOT"] = str(static_root)
        os.environ.update(production_env(DATABASE_URL=postgres.url, LOG_LEVEL="WARNING", ACCESS_LOG="false"))
        os.environ["DJANGO_SETTINGS_MODULE"] = "incubator.settings"
        from django.core.wsgi import get_wsgi_application  # noqa: PLC0415 (after the environment is set)
        from django.db import connection  # noqa: PLC0415

        handler = get_wsgi_application()
        numbers = itertools.count()

        def get(path: str) -> None:
            path, _, query = path.replace("{n}", str(next(numbers))).partition("?")
            environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
                       "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.input": io.BytesIO(), "wsgi.url_scheme":
                       "http", "wsgi.errors": sys.stderr}  # fmt: skip
            b"".join(handler(environ, lambda status, headers, exc_info=None: None))

        get("/zoeken/?q=warm")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]

        def database_seconds() -> float:
            # the backend runs as the postgres user on this machine: its utime and stime from /proc
            fields = open(f"/proc/{backend}/stat").read().rsplit(")", 1)[1].split()  # noqa: PTH123, SIM115
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

        print(f"load average {os.getloadavg()[0]:.1f}; CPU ms per request ({args.requests} requests per path)")
        print(f"{'path':40} {'python':>7} {'postgres':>9} {'total':>7}")
        for path in args.paths:
            for _ in range(20):
                get(path)
            python, database = time.process_time(), database_seconds()
            for _ in range(args.requests):
                get(path)
            python = (time.process_time() - python) * 1000 / args.requests
            database = (database_seconds() - database) * 1000 / args.requests
            print(f"{path:40} {python:7.2f} {database:9.2f} {python + database:7.2f}")
    finally:
        postgres.destroy()
        shutil.rmtree(static_root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
