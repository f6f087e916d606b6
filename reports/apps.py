from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from accounts.models import User


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.dashboard import DashboardPanel, dashboard_panel_register
        from reports.access import may_read_course_reports, may_read_dashboard

        def reports_panel(member: "User") -> DashboardPanel:
            return DashboardPanel(
                "reports/dashboard_panel.html",
                {"dashboard": may_read_dashboard(member), "course_reports": may_read_course_reports(member)},
            )

        dashboard_panel_register(order=50, builder=reports_panel)
