"""Who may open each quizzes view (gathered by tests/test_url_access.py).
Attempts are further limited to their owner and the course's trainers, item
analysis to trainers (404 for anyone else): tests/quizzes/test_access.py."""

PUBLIC: set[str] = set()
MEMBERS_ONLY = {
    "quizzes.views.quiz_start",
    "quizzes.views.attempt_detail",
    "quizzes.views.attempt_save_view",
    "quizzes.views.attempt_submit_view",
    "quizzes.views.response_mark_view",
    "quizzes.views.quiz_analysis",
    "quizzes.views.quiz_analysis_csv",
    "quizzes.bank_views.bank_import",
    "quizzes.bank_views.bank_export",
}
