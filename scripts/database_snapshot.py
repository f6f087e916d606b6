"""`make database-snapshot`: write scripts/migrated-database.sql, what `migrate` makes of an empty SQLite database.

`make run` loads a fresh embedded database from it instead of migrating (see
"A fresh embedded database" in scripts/run_dev.py). Run this after adding or
changing a migration or the lock file; tests/test_run_script.py fails while the
committed snapshot is stale, and `make run` falls back to `migrate` meanwhile.

The migrations run for real, with `make run`'s own settings, in a temporary
run directory; the result is written with sqlite3's own dump, headed by the
key of the migrations it came from.
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from run_dev import ROOT, SNAPSHOT_KEY_LINE, SNAPSHOT_PATH, VENV_BIN, schema_key

# Settings that would send migrate to someone's database instead of a new SQLite file.
AMBIENT_DATABASE_SETTINGS = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "RUN_DIR")


def migrated_database_dump(run_dir: Path) -> list[str]:
    env = {key: value for key, value in os.environ.items() if key not in AMBIENT_DATABASE_SETTINGS}
    env.update(DJANGO_SETTINGS_MODULE="elearning.settings.dev", RUN_DIR=str(run_dir))
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "migrate", "--noinput", "--skip-checks", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    connection = sqlite3.connect(run_dir / "db.sqlite3")
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def main() -> int:
    key = schema_key()
    with tempfile.TemporaryDirectory(prefix="database-snapshot-") as folder:
        lines = migrated_database_dump(Path(folder))
    SNAPSHOT_PATH.write_text(
        "\n".join([SNAPSHOT_KEY_LINE + key, "-- Written by `make database-snapshot`; do not edit.", *lines]) + "\n",
        encoding="utf-8",
    )
    print(f"database-snapshot: wrote {SNAPSHOT_PATH.relative_to(ROOT)} ({len(lines)} statements)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
