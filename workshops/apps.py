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
        from accounts.personal_data import personal_data_exporter_register
        from workshops import tasks  # noqa: F401 - registers the beat tasks with Celery
        from workshops.selectors import bookings_personal_data, my_bookings

        def my_bookings_panel(member: "User") -> DashboardPanel:
            return DashboardPanel("workshops/my_bookings_panel.html", {"bookings": my_bookings(member=member)})

        dashboard_panel_register(order=20, builder=my_bookings_panel)
        personal_data_exporter_register(section="workshop_bookings", exporter=bookings_personal_data)
