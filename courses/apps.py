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
        from accounts.personal_data import personal_data_exporter_register, personal_data_not_exported
        from courses.emails import COMPLETION_EMAIL_KIND, completion_email_render
        from courses.selectors import learning_personal_data, learning_summary
        from outbox.mail import email_kind_register

        def my_learning(member: "User") -> DashboardPanel:
            return DashboardPanel("courses/my_learning_panel.html", {"summary": learning_summary(member=member)})

        dashboard_panel_register(order=10, builder=my_learning)
        personal_data_exporter_register(
            section="learning", exporter=learning_personal_data, models=["courses.Enrolment", "courses.Reflection"]
        )
        email_kind_register(COMPLETION_EMAIL_KIND, completion_email_render)
        for model in ("courses.CoursePage", "courses.CoursePage_trainers"):
            personal_data_not_exported(
                model=model, reason="the trainers who run a course: site staffing, not data about a member as a learner"
            )
