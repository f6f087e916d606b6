from typing import TYPE_CHECKING

from django.apps import AppConfig

# The registry imports no models, so it loads with the app configs (as certificates imports courses.signals).
from courses.completion import course_completion_link_register

if TYPE_CHECKING:
    from accounts.models import User


class CpdConfig(AppConfig):
    name = "cpd"
    verbose_name = "CPD and evaluation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.dashboard import DashboardPanel, dashboard_panel_register
        from accounts.personal_data import personal_data_exporter_register
        from accounts.roles import is_staff_member
        from certificates.services import certificate_email_extra_register
        from cpd.selectors import (
            evaluation_invites,
            evaluations_personal_data,
            external_cpd_personal_data,
        )

        def my_cpd_panel(member: "User") -> DashboardPanel:
            return DashboardPanel(
                "cpd/my_cpd_panel.html",
                {"invites": evaluation_invites(member=member), "staff": is_staff_member(member)},
            )

        dashboard_panel_register(order=35, builder=my_cpd_panel)
        personal_data_exporter_register(
            section="cpd_from_elsewhere", exporter=external_cpd_personal_data, models=["cpd.ExternalCpdEntry"]
        )
        personal_data_exporter_register(
            section="evaluations", exporter=evaluations_personal_data, models=["cpd.Evaluation"]
        )
        certificate_email_extra_register(evaluation_invite_line)
        course_completion_link_register(course_evaluation_link)


def evaluation_invite_line(kind: str, achievement_id: int) -> str:
    """The certificate email's invitation to evaluate what the certificate is for."""
    from django.conf import settings
    from django.urls import reverse

    name = "cpd:evaluate_workshop" if kind == "workshop" else "cpd:evaluate_course"
    return (
        "Tell us how it went, in a short evaluation (a few minutes, every question optional):\n"
        + settings.SITE_URL.rstrip("/")
        + reverse(name, args=[achievement_id])
    )


def course_evaluation_link(course_id: int) -> tuple[str, str]:
    """The course page's invitation, once the learner has completed the course."""
    from django.urls import reverse

    return (
        "Evaluate this course: a few questions, all optional (you can change your answers later)",
        reverse("cpd:evaluate_course", args=[course_id]),
    )
