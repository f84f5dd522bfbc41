"""gunicorn's settings for every place it runs (`make serve`, the benchmark, production); gunicorn reads this
file from the working directory by itself. Everything can still be overridden on the command line."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"

# Sync workers: the app does short, database-bound requests; PDFs are rendered by the task worker, not here.
# The classic (2 x cores) + 1 suits this; WEB_CONCURRENCY overrides it (gunicorn reads that variable too).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# Load the app before forking: the workers share its memory and a broken configuration fails at once.
preload_app = True
# A request that takes longer than this is stuck: the worker is replaced (the PDF download is a file read).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Replace workers now and then, spread out, so slow memory growth cannot accumulate.
max_requests = 5000
max_requests_jitter = 500
# Behind a load balancer on another machine, trust its X-Forwarded-* headers (FORWARDED_ALLOW_IPS).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs as JSON lines on stderr, like the app's own (incubator.jsonlog); ACCESS_LOG=false silences the access log.
access = os.environ.get("ACCESS_LOG", "true").lower() in {"1", "true", "yes", "on"}
accesslog = "-" if access else None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "incubator.jsonlog.JsonFormatter"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
    },
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # gunicorn writes access lines whenever a logging configuration is given, `accesslog` or not: the level
        # is what silences them.
        "gunicorn.access": {"handlers": ["stderr"], "level": "INFO" if access else "WARNING", "propagate": False},
    },
}

# No runtime control socket: we don't use gunicornc, and several instances on one machine would share its path.
control_socket_disable = True


def when_ready(server):
    """Before the first fork: build what each worker would otherwise build on its first requests (incubator.warmup),
    then freeze the master's objects so that no worker's garbage collector walks them (Python's gc.freeze, meant for
    pre-fork servers: a collection in a new worker touched the whole inherited heap, and copy-on-write copied it)."""
    import gc  # noqa: PLC0415

    from incubator.warmup import warm  # noqa: PLC0415 (the app is loaded by now: preload_app)

    server.log.info("warmed up: %d templates compiled", warm())
    gc.freeze()
