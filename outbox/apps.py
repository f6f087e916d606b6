from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Outbox"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from elearning.health import health_part_register
        from outbox import mail, tasks  # noqa: F401 - registers the mail kind and the Celery tasks
        from outbox.selectors import outbox_health

        health_part_register(name="outbox", report=outbox_health)
