"""The default run (`make run`): no external server needed.

SQLite, kombu's filesystem transport as the broker, a file cache shared by
the web server and the worker, and sent mail written to .run/mail/.
Any of these can be pointed at real services through the environment.
"""

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY as ENFORCED_POLICY
from .base import MIDDLEWARE, RUN_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
# Our "Page not found" rather than Django's debug 404 (elearning/dev_errors.py).
MIDDLEWARE = [*MIDDLEWARE, "elearning.dev_errors.StyledNotFoundMiddleware"]
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = RUN_DIR / "mail"

BROKER_DIR = RUN_DIR / "broker"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem"):
    for folder in ("queue", "processed", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        # Exchange tables; kombu's default is ./control, which would land in the checkout.
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_BEAT_SCHEDULE_FILENAME = str(RUN_DIR / "celerybeat-schedule")
# Someone watching the default run should not wait three minutes for a message the
# broker missed (or a worker stopped with Ctrl-C held): beat re-dispatches after one.
OUTBOX_REDISPATCH_SECONDS = env.int("OUTBOX_REDISPATCH_SECONDS", default=60)

# The CSP is reported, not enforced, in the default run: a violation shows in the log (elearning.csp).
CONTENT_SECURITY_POLICY_REPORT_ONLY = ENFORCED_POLICY
CONTENT_SECURITY_POLICY = None

# --- SCORM (scorm app) ---

# --- Workshops (workshops app) ---

# --- Certificates (certificates app) ---
# The signing key file is generated under .run/ (see base).
