from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from accounts.models import User


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = "Quality statements"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.dashboard import DashboardPanel, dashboard_panel_register
        from accounts.personal_data import personal_data_exporter_register
        from quality import tasks  # noqa: F401 - registers the reminder task
        from quality.selectors import assessments_for_member, overdue_actions_for_member, quality_personal_data

        def quality_panel(member: "User") -> DashboardPanel:
            return DashboardPanel(
                "quality/dashboard_panel.html",
                {
                    "assessments": assessments_for_member(member=member)[:5],
                    "overdue": overdue_actions_for_member(member=member),
                },
            )

        dashboard_panel_register(order=40, builder=quality_panel)
        personal_data_exporter_register(section="quality_assessments", exporter=quality_personal_data)
