"""Settings for the portal, read from the environment (one module for every place it runs)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "django-insecure-only-for-local-development"
    else:
        raise ImproperlyConfigured("Zet SECRET_KEY in de omgeving (verplicht als DEBUG uit staat).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS: on by default whenever DEBUG is off, so a production deployment is secure unless someone opts out
# (HTTPS=false for a plain-HTTP run on 127.0.0.1: the test suite, `make serve`, the benchmark).
HTTPS = env_bool("HTTPS", not DEBUG)
# Behind a TLS-terminating proxy or load balancer, trust its X-Forwarded-Proto header (only then: otherwise a
# client could claim HTTPS itself).
BEHIND_PROXY = env_bool("BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# allauth's rate limits count per client address: behind N proxies it is the Nth address from the right in
# X-Forwarded-For (otherwise every visitor would share the proxy's address, and its limits).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if BEHIND_PROXY else "0"))
SECURE_SSL_REDIRECT = HTTPS
# A load balancer probes the health endpoint over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# The CSRF token travels in form bodies (also for htmx), so no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    "incubator",
    "wegwijzers",
    "initiatives",
    "koppels",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "incubator.pagecache.PageCacheUpdateMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "incubator.middleware.InstanceNameMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "incubator.guards.InputGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "incubator.middleware.PrivateAnswersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "incubator.pagecache.PageCacheFetchMiddleware",
]

ROOT_URLCONF = "incubator.urls"
WSGI_APPLICATION = "incubator.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {% eenmalig_token %} in every template that has a create form (incubator/eenmalig.py).
            "builtins": ["incubator.templatetags.eenmalig"],
        },
    },
]

# Database: an embedded SQLite file unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` serves several requests at once (runserver's threads). SQLite's default deferred transactions fail
    # at once with "database is locked" when two of them both want to write; IMMEDIATE takes the write lock at
    # BEGIN, so a second writer waits (up to `timeout` seconds) and then sees the first one's change (a 409 where
    # versions clash). WAL lets pages be read while someone writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side parameters and prepared statements: a statement run the fifth time on a connection is prepared,
    # and from then on PostgreSQL neither parses nor plans it again. Measured (bench/cpu.py): the database's share of
    # a search with a new question falls from 1.1 to 0.4 ms, of a koppel page's copy from 0.8 to 0.4 ms. Behind a
    # pooler in transaction mode (PgBouncer before 1.21) prepared statements break: DATABASE_PREPARE_THRESHOLD=off.
    threshold = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5")
    # Django's backend with a health check that skips its round trip for a connection in constant use (see there).
    DATABASES["default"]["ENGINE"] = "incubator.postgresql"
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": None if threshold == "off" else int(threshold),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "incubator.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# One language, so no LocaleMiddleware: it chose among one, and its `Vary: Accept-Language` made the page cache keep a
# copy of each page per browser language setting (tests/hardening/test_caches.py).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# Hashed file names get a ten-year immutable lifetime from WhiteNoise automatically; this is for the rest
# (robots.txt-like files without a hash).
WHITENOISE_MAX_AGE = 0 if DEBUG else 3600
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Content-Security-Policy: nonces only, nothing inline, nothing evaluated.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
# Django has no setting for this header: django-permissions-policy sends it. The portal needs none of these features.
PERMISSIONS_POLICY = dict.fromkeys(
    [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
    ],
    [],
)
SECURE_CONTENT_TYPE_NOSNIFF = True
# incubator.middleware.PrivateAnswersMiddleware: answers under these paths are personal even for a visitor who is
# not logged in (login and reset pages, invitation links); answers to logged-in people always are.
PRIVATE_PATH_PREFIXES = ["/account/", "/koppels/", "/werkruimte/", "/beheer/"]
# Where to report a vulnerability: an email address (or URL) the programme reads; served in /.well-known/security.txt.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "")
# incubator.guards: no filter or search needs a longer query-string value. Above the search's own limit
# (wegwijzers.search.MAX_VRAAG), so a long but honest question is shortened by the search page and said so.
INPUT_MAX_QUERY_LENGTH = 2000
X_FRAME_OPTIONS = "DENY"

# Mail: console in development, SMTP from the environment in production; without SMTP_HOST in production nothing is
# sent (and `check --deploy` fails).
if os.environ.get("SMTP_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["SMTP_HOST"],
                "port": int(os.environ.get("SMTP_PORT", "587")),
                "username": os.environ.get("SMTP_USER", ""),
                "password": os.environ.get("SMTP_PASSWORD", ""),
                "use_tls": env_bool("SMTP_USE_TLS", True),
            },
        }
    }
elif DEBUG:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    # Never the console in production: it would print login codes and reset links into the log (incubator/mail.py).
    MAILERS = {"default": {"BACKEND": "incubator.mail.NoTransportBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Incubator maatschappelijke route <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts (django-allauth): email only, no open sign-up (people join by invitation).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/koppels/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Incubator] "
ACCOUNT_ADAPTER = "koppels.adapters.AccountAdapter"
# Our subclasses only reword the messages so they say what to do ("Vul je e-mailadres in").
ACCOUNT_FORMS = {
    "login": "koppels.forms.InlogForm",
    "request_login_code": "koppels.forms.InlogcodeAanvragenForm",
    "confirm_login_code": "koppels.forms.InlogcodeForm",
    "reset_password": "koppels.forms.WachtwoordVergetenForm",
    "reset_password_from_key": "koppels.forms.NieuwWachtwoordForm",
}
# Fifteen minutes to find the code in a mailbox and type it (WCAG 2.2.1: enough time).
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 900
# Invitation mails sent outside a request (e.g. from the shell) need to know the portal's address.
PORTAL_URL = os.environ.get("PORTAL_URL", "http://127.0.0.1:8000")

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Background tasks (django.tasks), used to make the minigids PDFs. By default the embedded immediate backend runs a
# task inside the request that enqueues it. TASKS_BACKEND=db stores tasks in the database instead (django-tasks-db);
# then `manage.py db_worker` must run next to the web server. The app is always installed: unused, it is one table.
INSTALLED_APPS += ["django_tasks_db"]
if os.environ.get("TASKS_BACKEND", "immediate") == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Cache: shared by every server process and machine (allauth keeps its rate limits here): the database by
# default (`manage.py createcachetable`), Redis when REDIS_URL is given.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}}
    # Sessions in the database: a database cache in front of it would only add a query.
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Whole public pages for visitors without cookies (incubator/pagecache.py): a short-lived copy in each server
# process, like a proxy cache. Measured: a hit in the shared database cache costs two queries and gets a public page
# to ~25% of a static file's throughput; in memory it costs none. A copy is disposable and identical everywhere;
# an edit empties the editing process's copy at once and the others' within PAGE_CACHE_SECONDS (people who are
# logged in, such as editors, never get a cached page). PAGE_CACHE_SECONDS=0 switches it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "TIMEOUT": PAGE_CACHE_SECONDS,
    "OPTIONS": {"MAX_ENTRIES": 500},  # ~12 KB a page: at most ~6 MB per worker, arbitrary searches included
}
CACHE_MIDDLEWARE_ALIAS = "pages"
CACHE_MIDDLEWARE_KEY_PREFIX = ""
PAGE_CACHE_VIEWS = [
    "wegwijzers:home",
    "wegwijzers:list",
    "wegwijzers:detail",
    "wegwijzers:doe_mee",
    "wegwijzers:over",
    "wegwijzers:search",
    "initiatives:list",
    # Editions: published ones only reach the cache (a draft's preview is a 404 for anyone without a login).
    "edities:overzicht",
    "edities:detail",
    "edities:wegwijzer",
    "edities:wijzigingen",
    "edities:wegwijzer_wijzigingen",
]

# Logs: one JSON object per line on stderr in production (for a log collector), readable text with DEBUG.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "incubator.jsonlog.JsonFormatter"},
        "text": {"()": "incubator.jsonlog.TextFormatter", "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every layout step and fontTools every font it converts: noise for every PDF made.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Programme team's workspace: a koppel counts as stalled after this many weeks without any change.
WERKRUIMTE_STIL_NA_WEKEN = int(os.environ.get("WERKRUIMTE_STIL_NA_WEKEN", "3"))
# Licence of the guide's content in the open-data JSON. The booklet grants none (its colofon says only "© maart 2025"),
# and we cannot grant one for the publishers: the default states their copyright. Once MeentCoop and AmsterDOEN
# choose an open licence, set it here (for example "CC BY 4.0" with its deed as the URL).
MINIGIDS_CONTENT_LICENCE = os.environ.get(
    "MINIGIDS_CONTENT_LICENCE", "© maart 2025, MeentCoop en AmsterdamDOEN (zoals het colofon van de minigids vermeldt)"
)
MINIGIDS_CONTENT_LICENCE_URL = os.environ.get("MINIGIDS_CONTENT_LICENCE_URL", "")

# Privacy and retention (koppels/privacy, README "Privacy en bewaartermijnen"): `manage.py privacy_opschonen` applies
# them. Months after a cohort's last koppel was archived before its personal data is pseudonymised; months the
# activity log (and carried-out erasure requests) are kept; months closed invitations are kept.
PRIVACY_BEWAARTERMIJN_MAANDEN = int(os.environ.get("PRIVACY_BEWAARTERMIJN_MAANDEN", "24"))
PRIVACY_ACTIVITEIT_BEWAREN_MAANDEN = int(os.environ.get("PRIVACY_ACTIVITEIT_BEWAREN_MAANDEN", "24"))
PRIVACY_UITNODIGINGEN_BEWAREN_MAANDEN = int(os.environ.get("PRIVACY_UITNODIGINGEN_BEWAREN_MAANDEN", "6"))
