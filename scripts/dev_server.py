"""The web server of `make run`: Django's runserver and its autoreloader, less one Django start-up.

`manage.py runserver` sets Django up in the reloader's parent process too,
though that process only starts the server process and starts it again when
a file changes; on two busy cores that is several seconds spent for nothing.
Here the parent loads none of Django's apps: it runs Django's own restart loop,
and only the server process (RUN_MAIN=true) sets Django up, checks and serves.

    python scripts/dev_server.py 127.0.0.1:8000
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings.dev")
    from django.utils import autoreload

    if os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) != "true":
        # Starts this script again as the server process, and again after each
        # reload (exit status 3); returns the server's status otherwise.
        return autoreload.restart_with_reloader()
    from django.core.management import execute_from_command_line

    execute_from_command_line([str(ROOT / "manage.py"), "runserver", *sys.argv[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
