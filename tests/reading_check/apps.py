from django.apps import AppConfig


class ReadingCheckConfig(AppConfig):
    """A test-only activity: the worked example of adding an activity type (docs/architecture.md)."""

    name = "tests.reading_check"
    label = "reading_check"
    default_auto_field = "django.db.models.BigAutoField"
