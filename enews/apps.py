from django.apps import AppConfig


class EnewsConfig(AppConfig):
    name = "enews"
    verbose_name = "E-news"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.personal_data import personal_data_not_exported
        from enews import services
        from outbox.kinds import kind_register

        kind_register(services.FAN_OUT_KIND, services.enews_fan_out_perform)
        kind_register(services.ISSUE_KIND, services.enews_issue_perform, at_most_once=True)
        personal_data_not_exported(
            model="enews.EnewsSend",
            reason="an administrator's action (who sent an issue); the member's own consent history is exported",
        )
