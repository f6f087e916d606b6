from django.apps import AppConfig


class ReadingCheckConfig(AppConfig):
    """A test-only activity: the worked example of adding an activity type (docs/architecture.md)."""

    name = "tests.reading_check"
    label = "reading_check"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.personal_data import personal_data_not_exported

        personal_data_not_exported(
            model="reading_check.ReadingConfirmation",
            reason="A test-only activity (the worked example of adding one); it is never installed in the product.",
        )
