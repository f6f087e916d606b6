from django.apps import AppConfig


class ScormConfig(AppConfig):
    name = "scorm"
    verbose_name = "SCORM packages"

    def ready(self) -> None:
        from accounts.personal_data import personal_data_exporter_register, personal_data_not_exported
        from scorm import checks  # noqa: F401 - registers the content-origin check
        from scorm.selectors import scorm_global_objectives_personal_data, scorm_personal_data

        personal_data_exporter_register(section="scorm", exporter=scorm_personal_data, models=["scorm.ScormAttempt"])
        personal_data_exporter_register(
            section="scorm_global_objectives",
            exporter=scorm_global_objectives_personal_data,
            models=["scorm.ScormGlobalObjective"],
        )
        personal_data_not_exported(
            model="scorm.ScormPackage",
            reason="uploaded_by records which trainer uploaded a package: site content, not data about the member",
        )
