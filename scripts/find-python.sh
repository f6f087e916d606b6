#!/usr/bin/env bash
# Prints the path of the Python that `make install` uses: $PYTHON if set, else
# the first of python3.14 ... python3.11, python3 on the PATH that is 3.11 or
# newer. Without one, says how to get one and exits 1.
set -uo pipefail

version_ok() {
  "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}

if [ -n "${PYTHON:-}" ]; then
  if version_ok "$PYTHON"; then
    command -v "$PYTHON" || echo "$PYTHON"
    exit 0
  fi
  echo "install: PYTHON=$PYTHON is not a working Python 3.11 or newer." >&2
  exit 1
fi
for candidate in python3.14 python3.13 python3.12 python3.11 python3; do
  # A name on the PATH may still fail to run (a pyenv shim for a version that
  # is not selected), so each is asked for its version rather than trusted.
  if command -v "$candidate" >/dev/null 2>&1 && version_ok "$candidate"; then
    command -v "$candidate"
    exit 0
  fi
done
# printf, not cat: a builtin, so the message shows whatever the PATH holds.
printf '%s\n' >&2 \
  "install: no Python 3.11 or newer on the PATH (looked for python3.14, python3.13," \
  "python3.12, python3.11 and python3). Install one (Debian/Ubuntu: apt-get install" \
  "python3 python3-venv; macOS: brew install python@3.12), or name it:" \
  "  make run PYTHON=/path/to/python3.12"
exit 1
