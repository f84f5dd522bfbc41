"""Two app servers behind nginx, as production runs more than one: one PostgreSQL, one shared cache (in it).

    .venv/bin/python -m bench.two_instances        # starts everything, prints the address, runs until Ctrl-C

Each gunicorn names itself in an X-Instance response header (INSTANCE_NAME), so you can watch nginx's round robin.
tests/test_two_instances.py drives the same set-up: log in, change statuses, download a PDF across both.
"""

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass

from bench.servers import Gunicorn, Nginx, Postgres, TaskWorker

SHARED_SECRET_KEY = "two-instances-share-one-secret-key-" + "x" * 40


@dataclass
class Cluster:
    postgres: Postgres
    apps: list[Gunicorn]
    nginx: Nginx
    worker: TaskWorker


@contextlib.contextmanager
def two_instances(*, workers: int = 1, prepare: bool = True) -> Iterator[Cluster]:
    """PostgreSQL, two gunicorns (A and B) and a task worker sharing it, nginx in front; all stopped afterwards."""
    postgres = Postgres()
    apps: list[Gunicorn] = []
    nginx = worker = None
    shared = {"SECRET_KEY": SHARED_SECRET_KEY, "TASKS_BACKEND": "db"}
    try:
        if prepare:
            postgres.prepare("minigids", "initiatieven")
        for name in ("A", "B"):
            apps.append(Gunicorn(postgres.url, workers=workers, INSTANCE_NAME=name, BEHIND_PROXY="true", **shared))
        worker = TaskWorker(postgres.url, **shared)
        nginx = Nginx([app.port for app in apps])
        yield Cluster(postgres, apps, nginx, worker)
    finally:
        if nginx:
            nginx.stop()
        if worker:
            worker.stop()
        for app in apps:
            app.stop()
        postgres.destroy()


def main() -> None:
    with two_instances(workers=2) as cluster:
        print(f"nginx:      {cluster.nginx.url}/")
        for name, app in zip("AB", cluster.apps, strict=True):
            print(f"instance {name}: {app.url}/")
        print(f"database:   {cluster.postgres.url}")
        print("Ctrl-C stopt alles.")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


if __name__ == "__main__":
    main()
