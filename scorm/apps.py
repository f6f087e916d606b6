from django.apps import AppConfig


class ScormConfig(AppConfig):
    name = "scorm"
    verbose_name = "SCORM packages"

    def ready(self) -> None:
        from courses.gates import completion_gate_register
        from scorm import checks  # noqa: F401 - registers the content-origin check
        from scorm.selectors import scorm_gate

        completion_gate_register("scorm", scorm_gate)
