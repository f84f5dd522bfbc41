#!/usr/bin/env bash
# Serve the portal for local use: embedded SQLite database, the whole minigids loaded, demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG="${DEBUG:-true}"
export PORT="${PORT:-8000}"
py=.venv/bin/python
$py manage.py migrate --noinput -v0
$py manage.py createcachetable  # the shared cache (sessions' rate limits) lives in the database
$py manage.py loaddata minigids initiatieven -v0
$py manage.py demodata
# The whole minigids PDFs (A5, A4, drukproef) when missing, in the background: /minigids.pdf then answers at once.
$py manage.py minigids_pdfs >/dev/null &
echo "De minigids draait op http://127.0.0.1:$PORT/"
exec $py manage.py runserver "127.0.0.1:$PORT"
