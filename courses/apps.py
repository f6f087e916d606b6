from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from accounts.models import User


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.dashboard import DashboardPanel, dashboard_panel_register
        from accounts.personal_data import personal_data_exporter_register
        from courses.selectors import learning_personal_data, learning_summary

        def my_learning(member: "User") -> DashboardPanel:
            return DashboardPanel("courses/my_learning_panel.html", {"summary": learning_summary(member=member)})

        dashboard_panel_register(order=10, builder=my_learning)
        personal_data_exporter_register(section="learning", exporter=learning_personal_data)
