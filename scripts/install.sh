#!/usr/bin/env bash
# `make install`: the locked Python packages into .venv and the npm packages
# into node_modules, printing one line (or, when a step fails, its output).
#
# Python: the one scripts/find-python.sh finds (3.11 or newer). Packages are
# installed by uv (pinned with its hashes in requirements/bootstrap.txt) from
# the hashed lock files; uv is fetched once per checkout with that Python's pip
# and then lives in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
LOG=.run/install.log
started=$(date +%s)
mkdir -p .run
: >"$LOG"

# Runs a step with its output in $LOG; on failure prints that output and stops.
quietly() {
  local what=$1
  shift
  if ! "$@" >>"$LOG" 2>&1; then
    echo "install: $what failed:" >&2
    cat "$LOG" >&2
    exit 1
  fi
}

version_ok() {
  "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}

command -v npm >/dev/null 2>&1 || {
  echo "install: npm is not on the PATH; install Node.js 20 or newer with npm (Debian/Ubuntu: apt-get install nodejs npm)." >&2
  exit 1
}

# An existing .venv is kept while its Python is new enough.
if [ -x "$VENV/bin/python" ] && ! version_ok "$VENV/bin/python"; then
  echo "install: $VENV has an older Python; making a new one." >&2
  rm -rf "$VENV"
fi

UV="$VENV/bin/uv"
if [ ! -x "$UV" ]; then
  python=$(scripts/find-python.sh)
  bootstrap=$(mktemp -d)
  trap 'rm -rf "$bootstrap"' EXIT
  if "$python" -m pip --version >/dev/null 2>&1; then
    quietly "fetching uv" "$python" -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
      --target "$bootstrap" --require-hashes -r requirements/bootstrap.txt
    UV="$bootstrap/bin/uv"
  else
    # No pip beside this Python (Debian's python3 without python3-pip): a plain
    # venv brings one.
    quietly "creating $VENV" "$python" -m venv "$VENV"
    quietly "fetching uv" "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
      --require-hashes -r requirements/bootstrap.txt
    UV="$VENV/bin/uv"
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    # --seed puts pip in the venv too, for installing a package by hand.
    quietly "creating $VENV" "$UV" venv --quiet --seed --python "$python" "$VENV"
  fi
fi

# uv itself goes into the venv too, so the next install needs no bootstrap.
quietly "installing the Python packages" "$UV" pip install --quiet --python "$VENV/bin/python" --require-hashes \
  -r requirements/bootstrap.txt -r requirements/base.txt -r requirements/dev.txt
quietly "installing the npm packages" npm ci --no-audit --no-fund --loglevel=error

python_version=$("$VENV/bin/python" -c 'import platform; print(platform.python_version())')
echo "Installed: Python $python_version packages (uv) and npm packages in $(($(date +%s) - started)) s."
