"""Settings for `make bench`: as close to production as one machine allows.

Not built on .production: that one insists on secrets from the environment
and redirects every request to HTTPS, which a loopback benchmark cannot use.
What matters for throughput is kept the same as production: DEBUG off,
persistent database connections, whitenoise serving hashed static files.
bench/run.py sets DATABASE_URL itself, to a database it drops and recreates.
"""

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES, env

BENCH_WORK_DIR = BASE_DIR / "bench" / ".work"

DEBUG = False
# Bench-only: the database holds nothing but seeded demo content and is
# dropped at the start of every run, so there is nothing for this key to protect.
SECRET_KEY = "bench-only-not-a-secret-never-use-elsewhere"  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]

DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/ihop_bench")}
# Same connection reuse as production, or every request would pay for a new connection.
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Redis, as in production, on a database of its own (flushed by bench/run.py): the web
# processes share one cache, so a change one makes (the directory suite adding
# organisations) is seen by all, as it must be for the cached listings.
CACHES = {"default": env.cache("BENCH_CACHE_URL", default="redis://127.0.0.1:6379/10")}

# Nothing should be sent or run from a benchmark; if a page enqueues a task it
# goes to a broker database of its own (the suites purge it), never the one
# CI or `make run` uses: CI's is db 15; the suites' workers use 13 and 14.
CELERY_BROKER_URL = env("BENCH_CELERY_BROKER_URL", default="redis://127.0.0.1:6379/12")
CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

SECURE_SSL_REDIRECT = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

STATIC_ROOT = BENCH_WORK_DIR / "static"
MEDIA_ROOT = BENCH_WORK_DIR / "media"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The site's URLs plus the floor view (/bench/floor).
ROOT_URLCONF = "bench.urls"

# A log line per request would cost more than some pages do.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
