"""Settings for pytest.

The database is SQLite unless DATABASE_URL is set (CI points it at the real
PostgreSQL). Tasks run eagerly unless a test starts a real worker (see the
`celery_worker` fixture), which switches eager mode off and uses the broker
in CELERY_BROKER_URL (CI: the real Redis).
"""

from .base import *  # noqa: F403
from .base import env, sqlite_shared_by_processes

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 - fixed so tests are repeatable
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A file database (the embedded-defaults tests' server and worker processes) is shared as in `make run`.
DATABASES = {"default": sqlite_shared_by_processes(env.db("DATABASE_URL", default="sqlite:///:memory:"))}
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", default=None)}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# --- SCORM (scorm app) ---

# --- Workshops (workshops app) ---
# The worker-killed test slows each reminder down so a kill lands mid-batch.
WORKSHOPS_REMINDER_TEST_PAUSE_SECONDS = env.float("WORKSHOPS_REMINDER_TEST_PAUSE_SECONDS", default=0.0)

# --- Certificates (certificates app) ---
# Shared by the test process and its worker processes, so both sign with one key.
CERTIFICATES_SIGNING_KEY_FILE = env(
    "CERTIFICATES_SIGNING_KEY_FILE",
    default=str(BASE_DIR / ".run" / "test-certificates-signing-key.pem"),  # noqa: F405
)
CERTIFICATES_SIGNING_KEY_GENERATE = True
STORAGES["certificates"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(BASE_DIR / ".run" / "test-certificates"), "base_url": None},  # noqa: F405
}
