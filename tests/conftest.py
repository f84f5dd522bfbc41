"""Shared test set-up: PostgreSQL only, Debian's chromium for the browser tests."""

import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Fixtures of the programme team's workspace tests (gids, labels, team, team_client).
pytest_plugins = ["tests.werkruimte.fixtures"]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        raise pytest.UsageError(
            "The suite runs on PostgreSQL: use `make test` or scripts/test.sh (they start a server of their own)."
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def minigids(db):
    """The booklet's content: the shipped fixtures (content, not test data)."""
    from wegwijzers.edities import eerste_editie  # noqa: PLC0415 (Django is set up by then)

    eerste_editie()
    call_command("loaddata", "minigids", "initiatieven", verbosity=0)


@pytest.fixture
def minigids_live(transactional_db):
    """The booklet's content for tests that use live_server (a transactional database)."""
    from wegwijzers.edities import eerste_editie  # noqa: PLC0415 (Django is set up by then)

    eerste_editie()
    call_command("loaddata", "minigids", "initiatieven", verbosity=0)


@pytest.fixture
def page_cache(settings):
    """The page cache switched on, as in production (scripts/test.sh switches it off for the rest of the suite)."""
    from django.core.cache import caches  # noqa: PLC0415

    from incubator import pagecache  # noqa: PLC0415

    settings.PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    pagecache._asked.clear()
    yield caches["pages"]
    caches["pages"].clear()
    pagecache._asked.clear()


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving static files as production does: WhiteNoise, collected hashed files.

    Its own static handler looks only in the source folders, where the hashed names that
    CompressedManifestStaticFilesStorage puts in every page (base.6398cd16ee3d.css) do not exist: every stylesheet
    and script would be a 404. scripts/test.sh collects the static files before the suite runs.
    """
    from pytest_django.live_server_helper import LiveServer

    addr = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(addr, start=False)
    server.thread.static_handler = lambda application: application  # the app itself: WhiteNoise is its middleware
    server.start()
    yield server
    server.stop()
