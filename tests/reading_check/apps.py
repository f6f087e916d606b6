from django.apps import AppConfig


class ReadingCheckConfig(AppConfig):
    """A test-only activity: the worked example of adding an activity type (docs/architecture.md)."""

    name = "tests.reading_check"
    label = "reading_check"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.personal_data import personal_data_exporter_register

        # Like every app holding learners' records: its share of the member's data download.
        def confirmations(member: object) -> list[dict[str, object]]:
            from tests.reading_check.models import ReadingConfirmation

            rows = ReadingConfirmation.objects.filter(member=member).order_by("pk")
            return [{"module_id": row.module_id, "block_id": row.block_id} for row in rows]

        personal_data_exporter_register(
            section="reading_checks", exporter=confirmations, models=["reading_check.ReadingConfirmation"]
        )
