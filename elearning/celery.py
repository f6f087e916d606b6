import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings.dev")

app = Celery("elearning")
# Every Celery setting lives in Django settings under the CELERY_ prefix.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Tasks that live in the project package rather than in an app.
app.conf.imports = ("elearning.health",)
