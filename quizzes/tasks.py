"""Background work for quizzes."""

from celery import shared_task

from quizzes.attempts import attempts_overdue_submit


@shared_task(name="quizzes.attempts_overdue_submit")
def attempts_overdue_submit_task() -> int:
    """Submit abandoned attempts whose time limit has passed (safe to run any
    number of times: each attempt is graded once under its row lock). Beat
    should run it every minute: CELERY_BEAT_SCHEDULE["quiz-attempts-overdue"] =
    {"task": "quizzes.attempts_overdue_submit", "schedule": 60.0}."""
    return attempts_overdue_submit()
