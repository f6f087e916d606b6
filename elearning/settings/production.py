"""Production: every secret and address comes from the environment.

`env(...)` without a default raises ImproperlyConfigured, so the process
refuses to start without SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CACHES = {"default": env.cache("CACHE_URL", default=env("REDIS_URL", default="redis://127.0.0.1:6379/1"))}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default="redis://127.0.0.1:6379/0"))
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# `__Host-` cookies are Secure, for Path=/ and have no Domain: browsers refuse one set by any other
# host, so a sibling host (such as a content origin under the same domain) cannot set or shadow them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_PATH = CSRF_COOKIE_PATH = "/"
SESSION_COOKIE_DOMAIN = CSRF_COOKIE_DOMAIN = None
ACCOUNTS_KNOWN_DEVICE_COOKIE = "__Host-known_device"
X_FRAME_OPTIONS = "DENY"

if env("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# --- SCORM (scorm app) ---

# --- Workshops (workshops app) ---
WORKSHOPS_BOOKING_LOCK = True  # never off in production, whatever the environment says
WORKSHOPS_BOOKING_TEST_PAUSE_SECONDS = 0.0
WORKSHOPS_REMINDER_TEST_PAUSE_SECONDS = 0.0

# --- Certificates (certificates app) ---
CERTIFICATES_SIGNING_KEY = env("CERTIFICATES_SIGNING_KEY")  # refuses to start without it
CERTIFICATES_SIGNING_KEY_FILE = ""
CERTIFICATES_SIGNING_KEY_GENERATE = False
if env("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["certificates"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],  # noqa: F405
            "location": "certificates",
            "default_acl": "private",
        },
    }
