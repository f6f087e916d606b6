from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Quizzes"

    def ready(self) -> None:
        from accounts.personal_data import personal_data_exporter_register
        from courses.gates import completion_gate_register
        from quizzes.selectors import quiz_gate, quiz_grades_personal_data, quizzes_personal_data

        completion_gate_register("quizzes", quiz_gate)
        personal_data_exporter_register(section="quizzes", exporter=quizzes_personal_data, models=["quizzes.Attempt"])
        personal_data_exporter_register(
            section="quiz_grades", exporter=quiz_grades_personal_data, models=["quizzes.QuizGrade"]
        )
