from typing import TYPE_CHECKING

from django.apps import AppConfig

# The signal modules import no models, so they load with the app configs.
from courses.signals import course_completed

if TYPE_CHECKING:
    from accounts.models import User


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = "Certificates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from accounts.dashboard import DashboardPanel, dashboard_panel_register
        from accounts.personal_data import personal_data_exporter_register
        from certificates import (
            checks,  # noqa: F401 - registers the system check
            services,
            sweeps,
        )
        from certificates.models import Certificate
        from certificates.receivers import on_attendance_recorded, on_certificate_deleted, on_course_completed
        from certificates.selectors import certificates_for_member, certificates_personal_data
        from outbox.kinds import kind_register, sweep_register
        from workshops.signals import attendance_recorded

        course_completed.connect(on_course_completed, dispatch_uid="certificates.on_course_completed")
        attendance_recorded.connect(on_attendance_recorded, dispatch_uid="certificates.on_attendance_recorded")
        post_delete.connect(on_certificate_deleted, sender=Certificate, dispatch_uid="certificates.pdf_delete")

        def my_certificates_panel(member: "User") -> DashboardPanel:
            return DashboardPanel(
                "certificates/my_certificates_panel.html",
                {"certificates": list(certificates_for_member(member=member))},
            )

        dashboard_panel_register(order=30, builder=my_certificates_panel)
        personal_data_exporter_register(
            section="certificates", exporter=certificates_personal_data, models=["certificates.Certificate"]
        )

        kind_register(services.COURSE_ISSUE_KIND, services.course_certificate_perform)
        kind_register(services.WORKSHOP_ISSUE_KIND, services.attendance_certificate_perform)
        kind_register(services.RENDER_KIND, services.certificate_render_perform)
        kind_register(services.EMAIL_KIND, services.certificate_email_perform)
        sweep_register("certificates.course_missing", sweeps.course_certificates_missing_queue)
        sweep_register("certificates.attendance_missing", sweeps.attendance_certificates_missing_queue)
        sweep_register("certificates.pdf_missing", sweeps.certificate_pdfs_missing_queue)
