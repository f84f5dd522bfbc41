"""One JSON object per log line, for a log collector (our own forty lines rather than another dependency).

Fields passed with `logger.info(..., extra={...})` are kept as fields of the object (prefixed `extra_` should one
clash with a standard field), so a log collector can filter on them.
"""

import json
import logging
import re
from datetime import UTC, datetime

# Attributes every LogRecord has: anything else on a record was passed with `extra=` and is kept as a field.
RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# Attributes Django's and gunicorn's loggers add that are handled (or deliberately left out) below.
HANDLED_EXTRAS = {"status_code", "request", "server_time"}

# Fields of gunicorn's access-log record (its "atoms") worth keeping, under readable names.
GUNICORN_ACCESS_FIELDS = {"m": "method", "U": "path", "q": "query", "s": "status", "M": "duration_ms", "h": "remote"}


# Paths whose last part is a credential: invitation links, password-reset links, email confirmations. A log line
# (a 404 warning, an access-log entry, a traceback) must not hand them to whoever reads the logs.
SECRET_IN_PATH = re.compile(
    r"(/(?:koppels/uitnodiging|account/password/reset/key|account/confirm-email)/)[^/\s\"'?#\\]+"
)


def redact(line: str) -> str:
    """The log line with every credential found in a URL path replaced."""
    return SECRET_IN_PATH.sub(r"\1[verborgen]", line)


class TextFormatter(logging.Formatter):
    """Readable lines (development), with credentials in URLs hidden as in the JSON lines."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class JsonFormatter(logging.Formatter):
    """Format a record as JSON: time, level, logger, message, the request's status, and any exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            # gunicorn passes its access-log fields as a mapping; keep them as fields, not as a formatted line.
            entry["message"] = "request"
            entry.update({name: record.args.get(atom) for atom, name in GUNICORN_ACCESS_FIELDS.items()})
        else:
            entry["message"] = record.getMessage()
        status = getattr(record, "status_code", None)  # set by django.request on 4xx/5xx responses
        if status is not None:
            entry["status"] = status
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = request.path
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        for name, value in vars(record).items():
            if name in RECORD_ATTRIBUTES or name in HANDLED_EXTRAS or name.startswith("_"):
                continue
            entry["extra_" + name if name in entry else name] = value
        return redact(json.dumps(entry, ensure_ascii=False, default=str))
