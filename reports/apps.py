from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

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
        self._forget_figures_on_change()

    def _forget_figures_on_change(self) -> None:
        """The dashboard keeps its figures in the shared cache (reports.dashboard.dashboard_figures):
        every save or delete of a record one of them counts forgets them. A member signing in and a
        learner opening a module save fields no figure reads, and would otherwise make every
        dashboard count afresh on a busy site."""
        from accounts.models import EnewsConsentChange, User
        from certificates.models import Certificate
        from courses.models import CoursePage, Enrolment
        from enews.models import EnewsSend
        from quality.models import Assessment, QualityStatement, StatementResponse
        from quizzes.models import Attempt, Quiz
        from reports.dashboard import dashboard_figures_forget
        from workshops.models import Booking, Session, Workshop

        fields_read: dict[type[Model], set[str] | None] = {
            User: {"date_joined", "sector", "region", "is_active", "enews_consent_at"},
            Enrolment: {"member", "course", "enrolled_at", "completed_at"},
            CoursePage: None,  # None: any field (a title is a row's label)
            Workshop: None,
            Session: None,
            Booking: None,
            Certificate: None,
            Quiz: None,
            Attempt: None,
            QualityStatement: None,
            Assessment: None,
            StatementResponse: None,
            EnewsSend: None,
            EnewsConsentChange: None,
        }

        def forget_on_save(sender: type[Model], update_fields: frozenset[str] | None = None, **_: Any) -> None:
            read = fields_read[sender]
            if update_fields is None or read is None or read & set(update_fields):
                dashboard_figures_forget()

        for model in fields_read:
            name = model.__name__
            post_save.connect(forget_on_save, sender=model, weak=False, dispatch_uid=f"reports-figures-{name}-save")
            post_delete.connect(dashboard_figures_forget, sender=model, dispatch_uid=f"reports-figures-{name}-delete")
