"""pytest's settings: the test settings, plus the test-only "reading check" activity.

Kept apart from elearning.settings.test so `makemigrations --check` (which runs on those)
sees the product's module body only.
"""

from elearning.settings.test import *  # noqa: F403
from elearning.settings.test import COURSES_ACTIVITY_BLOCKS, INSTALLED_APPS, MIDDLEWARE

# The worked example of adding an activity (docs/architecture.md): its app, and one line naming its block.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.reading_check"]
COURSES_ACTIVITY_BLOCKS = {**COURSES_ACTIVITY_BLOCKS, "reading_check": "tests.reading_check.blocks.ReadingCheckBlock"}

# Counts the requests the live server is serving, so a browser test's teardown can wait for the
# last one (tests/live_server_requests.py) before the database is flushed.
MIDDLEWARE = ["tests.live_server_requests.CountRequestsMiddleware", *MIDDLEWARE]
