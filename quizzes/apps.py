from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Quizzes"

    def ready(self) -> None:
        from accounts.personal_data import personal_data_exporter_register
        from quizzes.selectors import quiz_grades_personal_data, quizzes_personal_data

        personal_data_exporter_register(section="quizzes", exporter=quizzes_personal_data, models=["quizzes.Attempt"])
        personal_data_exporter_register(
            section="quiz_grades", exporter=quiz_grades_personal_data, models=["quizzes.QuizGrade"]
        )
