from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from accounts.models import User


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = "Workshops"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.dashboard import DashboardPanel, dashboard_panel_register
        from accounts.personal_data import (
            erasure_step_register,
            personal_data_exporter_register,
            personal_data_not_exported,
        )
        from outbox.kinds import kind_register, sweep_register
        from outbox.mail import email_kind_register
        from workshops import tasks  # noqa: F401 - registers the beat tasks with Celery
        from workshops.emails import (
            BOOKING_EMAIL_KIND,
            REMINDER_KIND,
            TRAINER_MESSAGE_KIND,
            booking_email_render,
            trainer_message_render,
        )
        from workshops.selectors import bookings_personal_data, my_bookings, workshops_trained_personal_data
        from workshops.services import bookings_release_for_erasure, confirmations_missing_queue, reminder_send

        def my_bookings_panel(member: "User") -> DashboardPanel:
            return DashboardPanel("workshops/my_bookings_panel.html", {"bookings": my_bookings(member=member)})

        dashboard_panel_register(order=20, builder=my_bookings_panel)
        personal_data_exporter_register(
            section="workshop_bookings", exporter=bookings_personal_data, models=["workshops.Booking"]
        )
        personal_data_exporter_register(
            section="workshops_trained",
            exporter=workshops_trained_personal_data,
            models=["workshops.Workshop", "workshops.Workshop_trainers"],
        )
        personal_data_not_exported(
            model="workshops.Attendance",
            reason="recorded_by names the trainer who took a register; each attendee's attendance is in their booking",
        )
        erasure_step_register(name="workshops.bookings_release", step=bookings_release_for_erasure)
        email_kind_register(BOOKING_EMAIL_KIND, booking_email_render)
        email_kind_register(TRAINER_MESSAGE_KIND, trainer_message_render)
        kind_register(REMINDER_KIND, lambda payload: reminder_send(reminder_id=int(payload["reminder_id"])))
        sweep_register("workshops.confirmations_missing", confirmations_missing_queue)
