#!/usr/bin/env bash
# Serve the portal as in production: gunicorn (gunicorn.conf.py: 2 x cores + 1 sync workers) on PostgreSQL, with
# the task worker that makes PDFs next to it, on http://127.0.0.1:$PORT/.
#
# DATABASE_URL given: that database is used. Not given: a PostgreSQL cluster of our own under var/postgres (kept
# between runs, started here and stopped again when gunicorn stops). A SECRET_KEY is made once into var/ when the
# environment has none. Plain HTTP on 127.0.0.1 (HTTPS=false); behind a TLS proxy set HTTPS=true BEHIND_PROXY=true.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
py=.venv/bin/python

export DEBUG=false
export PORT="${PORT:-8000}"
export HTTPS="${HTTPS:-false}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export STATIC_ROOT="${STATIC_ROOT:-$PWD/var/static}"
export TASKS_BACKEND="${TASKS_BACKEND:-db}"
if [ -z "${SECRET_KEY:-}" ]; then
  [ -s var/secret_key ] || (umask 077; "$py" -c 'import secrets; print(secrets.token_urlsafe(64))' > var/secret_key)
  SECRET_KEY="$(cat var/secret_key)"
  export SECRET_KEY
fi

pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
pgdir="$PWD/var/postgres"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
started_postgres=""
stop_own_postgres() { [ -z "$started_postgres" ] || as_postgres "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -s stop || true; }

if [ -z "${DATABASE_URL:-}" ]; then
  if [ -z "$pgbin" ] && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
  [ -n "$pgbin" ] || { echo "PostgreSQL niet gevonden: zet DATABASE_URL of installeer postgresql." >&2; exit 1; }
  mkdir -p "$pgdir"
  [ "$(id -u)" = 0 ] && chown postgres: "$pgdir"
  if [ ! -f "$pgdir/data/PG_VERSION" ]; then
    as_postgres "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' > "$pgdir/port"
    new_cluster=1
  fi
  pgport="$(cat "$pgdir/port")"
  if ! as_postgres "$pgbin/pg_ctl" -D "$pgdir/data" status >/dev/null 2>&1; then
    as_postgres "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -s \
      -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=200" start
    started_postgres=1
    trap stop_own_postgres EXIT
  fi
  [ -n "${new_cluster:-}" ] && createdb -h 127.0.0.1 -p "$pgport" -U postgres incubator
  export DATABASE_URL="postgres://postgres@127.0.0.1:$pgport/incubator"
fi

"$py" manage.py migrate --noinput -v0
"$py" manage.py createcachetable  # the shared cache (allauth's rate limits) lives in the database
"$py" manage.py collectstatic --noinput -v0
"$py" manage.py loaddata minigids initiatieven -v0  # natural keys: loading again updates, never duplicates
"$py" manage.py minigids_pdfs  # queue the whole guide's PDFs when missing; the worker below makes them

# The task worker (PDFs, notification mails), when tasks use the database queue (it stops with this script).
children=()
stop_children() {
  for pid in "${children[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  stop_own_postgres
}
if [ "$TASKS_BACKEND" = db ] && "$py" manage.py help db_worker >/dev/null 2>&1; then
  "$py" manage.py db_worker &
  children+=($!)
  trap stop_children EXIT
fi
# Notifications: every MELDINGEN_INTERVAL seconds (default 300) do what is due; the command is safe to run
# on several machines at once, so every app server may run this loop (a cron job or systemd timer does the same).
(
  while true; do
    "$py" manage.py meldingen_versturen -v0 || echo "meldingen_versturen mislukt; over ${MELDINGEN_INTERVAL:-300} s opnieuw" >&2
    sleep "${MELDINGEN_INTERVAL:-300}"
  done
) &
children+=($!)
trap stop_children EXIT

echo "De minigids draait (gunicorn, PostgreSQL) op http://127.0.0.1:$PORT/" >&2
# Not exec: the traps above stop the worker and our own PostgreSQL when gunicorn stops (Ctrl-C).
"$py" -m gunicorn incubator.wsgi
