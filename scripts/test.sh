#!/usr/bin/env bash
# The whole check: lint, migrations, Django checks and the test suite against a PostgreSQL server of its own.
# Extra arguments go to pytest (scripts/test.sh tests/koppels -x).
set -euo pipefail
cd "$(dirname "$0")/.."

pgdir="$(mktemp -d /tmp/incubator-pg.XXXXXX)"
trap 'scripts/testdb.sh stop "$pgdir"' EXIT
DATABASE_URL="$(scripts/testdb.sh start "$pgdir")"
export DATABASE_URL
export SECRET_KEY="test-secret-key-not-for-production-$(date +%s)"
export DEBUG=false
export HTTPS=false  # production settings, but the test client and live_server speak plain HTTP
export PAGE_CACHE_SECONDS=0  # pages as rendered; tests/test_production.py switches the page cache on to test it
export ALLOWED_HOSTS="127.0.0.1,localhost,testserver"
export DJANGO_ALLOW_ASYNC_UNSAFE=true
export STATIC_ROOT="$pgdir/static"

.venv/bin/ruff check .
.venv/bin/python manage.py makemigrations --check --dry-run
.venv/bin/python manage.py check --fail-level WARNING
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python -m pytest "$@"
