"""Settings shared by every environment.

Everything that differs between environments is read from the environment
through django-environ; the per-environment modules (dev, test, production)
only choose defaults. See the README for every variable.
"""

from pathlib import Path
from typing import Any

import environ

from elearning.csp_directives import platform_directives

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

# Where the default (no external server) run keeps its state: SQLite, the
# filesystem broker, the file cache, sent mail. Ignored by git. Tests of the
# embedded defaults and of `make run` point it at a folder of their own.
RUN_DIR = Path(env("RUN_DIR", default=str(BASE_DIR / ".run")))

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute address of the site, for links in emails sent by background workers.
SITE_URL = env("SITE_URL", default="http://localhost:8000")

INSTALLED_APPS = [
    # Our apps first, so their templates win over the libraries' defaults.
    "accounts",
    "cms",
    "courses",
    "quizzes",
    "scorm",
    "workshops",
    "certificates",
    "outbox",
    "quality",
    "reports",  # course reports and the service dashboard: reads every app, imported by none but demo
    "casestudies",
    "sitesearch",
    "enews",
    "cpd",  # CPD record and evaluation: above courses, workshops and certificates
    "audit",
    "demo",  # the demo content and seed_demo: above every app, imported by none
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.MembersAdminConfig",  # wagtail.users with our member forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.CachedSiteMiddleware",
]

ROOT_URLCONF = "elearning.urls"
WSGI_APPLICATION = "elearning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


def sqlite_shared_by_processes(database: dict[str, Any]) -> dict[str, Any]:
    """SQLite as a real embedded default: the web server, a worker with two
    processes and beat write to one file. WAL lets readers go on while one
    writes; IMMEDIATE takes the write lock when a transaction begins, so two
    writers queue (for up to `timeout` seconds) instead of one failing with
    "database is locked" when it upgrades a read lock half-way through."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return database


DATABASES = {
    "default": sqlite_shared_by_processes(env.db("DATABASE_URL", default=f"sqlite:///{RUN_DIR / 'db.sqlite3'}"))
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{RUN_DIR / 'cache'}")}

# Sessions are read from the cache and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/account/login/"  # members-only pages send visitors to allauth's sign-in
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: email is the sign-in name; verification is mandatory.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupProfileForm"
# allauth's forms with their labels in sentence case (accounts/allauth_forms.py).
ACCOUNT_FORMS = {
    "login": "accounts.allauth_forms.LoginForm",
    "change_password": "accounts.allauth_forms.ChangePasswordForm",
    "set_password": "accounts.allauth_forms.SetPasswordForm",
    "reset_password_from_key": "accounts.allauth_forms.ResetPasswordKeyForm",
    "reauthenticate": "accounts.allauth_forms.ReauthenticateForm",
}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True  # an existing address gets an email, not an error
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Subjects name the site themselves, in sentence case (templates/account/email/*_subject.txt).
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Per IP and per "key"; allauth counts in the shared cache. For failed sign-ins the key is the address and
# the IP together, and a wider per-address limit applies to browsers that never signed in to the account
# (accounts/adapter.py), so nobody elsewhere can keep a member out.
# The signed cookie that marks a browser that signed in to an account before (accounts/adapter.py).
ACCOUNTS_KNOWN_DEVICE_COOKIE = "known_device"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_address": "20/h/key",
    "reset_password": "20/m/ip,3/5m/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}

LANGUAGE_CODE = "en-gb"
# Wagtail's moderation emails (submitted, approved, rejected) with an HTML part, as every email of ours has.
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# static_build/: the stylesheet and the design system's JavaScript, built from npm packages
# by scripts/build-static.sh (`make` runs it).
STATICFILES_DIRS: list[Any] = [BASE_DIR / "static", BASE_DIR / "static_build"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Browser libraries installed from the npm registry (package.json) and
# served as static files from node_modules, never copied into the repository.
NODE_MODULES_DIR = BASE_DIR / "node_modules"
STATICFILES_DIRS += [("vendor/scorm-again", NODE_MODULES_DIR / "scorm-again" / "dist")]

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="i-HOP learning <learning@i-hop.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 20

WAGTAIL_SITE_NAME = "i-HOP learning"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # permission-checked, never a direct media URL
# Uploads are allow-listed. Never a type a browser would run or render as a
# page on our origin (html, htm, svg, xml, js): those could carry scripts.
# Wagtail serves every document except PDFs as an attachment, with a
# "default-src 'none'" CSP and nosniff.
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "rtf", "txt", "csv", "xls", "xlsx", "ods", "ppt", "pptx", "odp"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no svg: it can carry scripts
# Every uploaded image is decoded by Pillow before it is accepted (cms.image_forms.VerifiedImageForm).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_forms.VerifiedImageForm"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
# No avatars from gravatar.com: it would learn which staff open the admin, and the admin's CSP allows no such image.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = False  # members reset through allauth's rate-limited flow
WAGTAILUSERS_PASSWORD_ENABLED = True

# Celery: at-least-once delivery. A task is acknowledged only after it ran
# (acks_late) and is put back if its worker dies (reject_on_worker_lost);
# each worker process holds one message at a time (prefetch 1); the broker's
# visibility timeout outlasts any countdown we use, so a delayed task is not
# handed to a second worker while the first still holds it.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 12 * 3600}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    # Proves to /healthz that a worker and beat are both alive.
    "worker-heartbeat": {"task": "elearning.health.heartbeat", "schedule": 15.0},
    # Submits timed quiz attempts that ran out while nobody was looking.
    "quiz-attempts-overdue": {"task": "quizzes.attempts_overdue_submit", "schedule": 60.0},
}
# /healthz calls the worker dead when its last heartbeat is older than this.
HEALTH_WORKER_STALE_SECONDS = 60

# --- Outbox (outbox app): every side effect is a row, performed by the worker ---
# Beat hands the broker again an item still unsent this long after it was due
# ("a few minutes": the broker lost the message, or was down at commit time).
OUTBOX_REDISPATCH_SECONDS = env.int("OUTBOX_REDISPATCH_SECONDS", default=180)
# A claim this old belonged to a worker that died: the item is claimed again.
# Longer than any handler runs (a PDF render stops itself after CERTIFICATES_RENDER_TIME_LIMIT_SECONDS).
OUTBOX_CLAIM_STALE_SECONDS = env.int("OUTBOX_CLAIM_STALE_SECONDS", default=300)
OUTBOX_TASK_TIME_LIMIT_SECONDS = 150
# Retries that another try can fix: 30 s, 1 min, 2 min ... at most an hour apart, then failed.
OUTBOX_RETRY_BASE_SECONDS = env.float("OUTBOX_RETRY_BASE_SECONDS", default=30.0)
OUTBOX_RETRY_MAX_SECONDS = 3600.0
OUTBOX_MAX_TRIES = env.int("OUTBOX_MAX_TRIES", default=12)
# /healthz says "degraded" while an item older than this is still unsent.
OUTBOX_STUCK_SECONDS = env.int("OUTBOX_STUCK_SECONDS", default=600)
CELERY_BEAT_SCHEDULE["outbox-dispatch-due"] = {
    "task": "outbox.dispatch_due",
    "schedule": env.float("OUTBOX_DISPATCH_INTERVAL_SECONDS", default=30.0),
}
# Looks for what should exist and does not (a completed course without a certificate).
CELERY_BEAT_SCHEDULE["outbox-reconcile"] = {"task": "outbox.reconcile", "schedule": 300.0}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail runs its search-index and reference-index updates as django-tasks
        # and logs every one; that is noise in the run and in test output.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# --- Courses (courses app) ---
# The activities a module body can hold: block type (as stored bodies name it) -> the block class,
# defined in the activity's own app (see docs/architecture.md, "Activities"). Its app must be installed.
COURSES_ACTIVITY_BLOCKS = {
    "quiz": "quizzes.blocks.QuizBlock",
    "scorm": "scorm.blocks.ScormBlock",
}

# --- SCORM (scorm app) ---
# The longest cmi.suspend_data kept, for SCORM 1.2 and 2004 alike (at most 64,000). SCORM 1.2 says 4,096, but
# Storyline and Rise packages exceed it, and Moodle keeps 64,000 for 1.2 as well.
SCORM_SUSPEND_DATA_LIMIT = env.int("SCORM_SUSPEND_DATA_LIMIT", default=64000)
# Package files are served only on this separate origin (another host name of the same server by default), which
# has no platform pages and never receives the platform's host-only session cookie.
SCORM_CONTENT_ORIGIN = env.str("SCORM_CONTENT_ORIGIN", default="http://127.0.0.1:8000")
MIDDLEWARE = [*MIDDLEWARE, "scorm.middleware.ContentOriginMiddleware"]
# --- Content-Security-Policy (elearning/csp.py) ---
# After the content origin's middleware, which answers content-host requests itself with its own policy.
MIDDLEWARE = [*MIDDLEWARE, "elearning.csp.PlatformCSPMiddleware"]
# Last: it answers from whole pages kept for visitors not signed in, and everything above (the
# policy just added, the security headers) still runs on the way out (cms/middleware.py).
MIDDLEWARE = [*MIDDLEWARE, "cms.middleware.VisitorsPageCacheMiddleware"]
CONTENT_SECURITY_POLICY: dict[str, Any] | None = {
    "DIRECTIVES": platform_directives(content_origin=SCORM_CONTENT_ORIGIN),
}
CONTENT_SECURITY_POLICY_REPORT_ONLY: dict[str, Any] | None = None
# What one package may unpack to, in all and per file, and how many files it may hold (scorm/packages.py).
SCORM_MAX_UNPACKED_BYTES = env.int("SCORM_MAX_UNPACKED_BYTES", default=1024**3)
SCORM_MAX_ENTRY_BYTES = env.int("SCORM_MAX_ENTRY_BYTES", default=512 * 1024**2)
SCORM_MAX_ENTRIES = env.int("SCORM_MAX_ENTRIES", default=10_000)

# --- Workshops (workshops app) ---
# Reminders go this many hours before a workshop's first session (7 days and 1 day).
WORKSHOPS_REMINDER_HOURS = env.list("WORKSHOPS_REMINDER_HOURS", cast=int, default=[168, 24])
WORKSHOPS_REMINDER_BATCH = 50
# The online joining link shows on the page from this long before a session until it ends.
WORKSHOPS_JOIN_LINK_MINUTES_BEFORE = 60
# Access needs are deleted this many days after a workshop's last session.
WORKSHOPS_ACCESS_NEEDS_KEEP_DAYS = 14
# Always on outside tests; a control test switches it off (with a pause) to show the race it prevents.
WORKSHOPS_BOOKING_LOCK = True
WORKSHOPS_BOOKING_TEST_PAUSE_SECONDS = 0.0
WORKSHOPS_REMINDER_TEST_PAUSE_SECONDS = 0.0
CELERY_BEAT_SCHEDULE["workshop-reminders-due"] = {"task": "workshops.reminders_queue_due", "schedule": 60.0}
CELERY_BEAT_SCHEDULE["workshop-access-needs-purge"] = {"task": "workshops.access_needs_purge", "schedule": 3600.0}

# --- Certificates (certificates app) ---
# The EC P-256 private key (PEM) that signs open credentials, or a file holding it;
# never committed. Outside production a key file is generated under .run/ when absent
# (development, tests, benchmarks); production requires CERTIFICATES_SIGNING_KEY.
CERTIFICATES_SIGNING_KEY = env("CERTIFICATES_SIGNING_KEY", default="")
CERTIFICATES_SIGNING_KEY_FILE = env(
    "CERTIFICATES_SIGNING_KEY_FILE", default=str(RUN_DIR / "certificates-signing-key.pem")
)
CERTIFICATES_SIGNING_KEY_GENERATE = True
# Public parts (PEM, comma-separated) of retired signing keys, still published in the JWKS
# so credentials signed before a rotation keep verifying.
CERTIFICATES_PREVIOUS_PUBLIC_KEYS = env.list("CERTIFICATES_PREVIOUS_PUBLIC_KEYS", default=[])
CERTIFICATES_ISSUER_NAME = env("CERTIFICATES_ISSUER_NAME", default="i-HOP (Barnardo's)")
# Lookups of /verify/ per client IP per window (valid or not), counted in the shared cache.
CERTIFICATES_VERIFY_LIMIT = env.int("CERTIFICATES_VERIFY_LIMIT", default=30)
CERTIFICATES_VERIFY_WINDOW_SECONDS = 60
# A PDF render is stopped after this long (Celery soft limit; the hard limit is 30 s later).
CERTIFICATES_RENDER_TIME_LIMIT_SECONDS = 60
# Certificate PDFs are private: their own storage, never under MEDIA_URL.
STORAGES["certificates"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": env("CERTIFICATES_ROOT", default=str(RUN_DIR / "certificates")), "base_url": None},
}

# --- Quality statements (quality app) ---
# An invitation to join a team's self-assessment can be accepted for this many days.
QUALITY_INVITATION_DAYS = 14
# An action's owner may ask for an email this many days before its due date.
QUALITY_REMINDER_DAYS_BEFORE = 3
CELERY_BEAT_SCHEDULE["quality-action-reminders-due"] = {"task": "quality.action_reminders_send_due", "schedule": 3600.0}
