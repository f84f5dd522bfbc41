"""What every server process would otherwise build on its first requests, built once in gunicorn's master.

gunicorn loads the app before it forks its workers (preload_app) and replaces each worker after max_requests. A new
worker compiled every template it met, loaded the Dutch catalogues and filled the URL resolver while it served its
first requests (the first wegwijzer page of a new process: 144 ms, 73 ms when warmed). Built in the master
(gunicorn.conf.py's `when_ready`, before the first fork), all of that is inherited by every worker, the replacements
too; gunicorn.conf.py then freezes it for the garbage collector. Measured in the benchmark (`--only wegwijzer
--duration 8`, workers replaced every ~5,000 requests): the wegwijzer page's p99 was 152-658 ms at 46-59% of the
static ceiling, and is 28-76 ms at 60-71% (11-14 ms at 71-73% when no worker is replaced).

It never touches the database: a connection opened before the fork would be shared by every worker.
"""

from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver
from django.utils import translation


def _project_templates() -> list[str]:
    """The names of the project's own templates (not those of Django's admin or of other packages)."""
    dirs = [Path(d) for d in engines["django"].engine.dirs]
    # Our apps are the repository's top-level packages (a virtualenv inside the repository holds the others).
    dirs += [Path(d) for d in get_app_template_dirs("templates") if Path(d).parent.parent == settings.BASE_DIR]
    return sorted({str(path.relative_to(d)) for d in dirs for path in d.rglob("*") if path.suffix in {".html", ".txt"}})


def warm() -> int:
    """Compile the project's templates, load the catalogues, fill the URL resolver; return the templates compiled."""
    engine = engines["django"]
    compiled = 0
    for name in _project_templates():
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue  # not a template on its own (a fragment of another format): its first request compiles it
        compiled += 1
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Zoeken")  # loads every app's catalogue for the language
    get_resolver().reverse_dict  # noqa: B018 (the property fills the resolver's tables)
    connections.close_all()  # nothing above should have connected; if anything did, no worker inherits it
    return compiled
