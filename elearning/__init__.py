# Load the Celery app whenever Django starts, so `@shared_task` binds to it
# and `delay_on_commit` works from any process.
from elearning.celery import app as celery_app

__all__ = ["celery_app"]
