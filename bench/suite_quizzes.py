"""Quizzes: submission throughput over HTTP, and item analysis on a large quiz.

`quiz_submission`: learners submit in-progress attempts of the demo knowledge
check, grown to SUBMISSION_QUESTIONS questions (the goal names 50) by adding
copies of its 13 questions of six kinds, every answer filled in, through gunicorn:
POST /quizzes/attempt/<id>/submit/, which saves the answers, marks every
question on the server, updates the grade and redirects. Each request submits
a different, fresh attempt (prepared in bulk beforehand, spread over
LEARNERS learners so the per-learner lock is not the bottleneck): wrk's Lua
script walks the list. The floor is the floor view with the same headers.
Ratio = submissions per second / floor requests per second.

`quiz_item_analysis`: `quizzes.selectors.item_analysis` on 10,000 finished
attempts of a 30-question quiz (300,000 response rows and as many ticked
choices, generated in SQL). Timed as the median of several runs. The floor is
`SELECT count(*)` over the same response rows (the least any per-question
report must do: read them once). Ratio = analysis time / floor time (lower is
better; 1 would be as fast as counting).
"""

import os
import statistics
import time
from pathlib import Path
from typing import Any

LEARNERS = 50
SUBMISSION_QUESTIONS = 50
ANALYSIS_ATTEMPTS = int(os.environ.get("BENCH_QUIZ_ANALYSIS_ATTEMPTS", "10000"))
ANALYSIS_QUESTIONS = 30
ANALYSIS_RUNS = 5
CSRF = "b" * 32  # a fixed CSRF secret: cookie and form field carry the same one
EXPECTED_RATE = 400  # submissions per second we prepare attempts for (three times over)


def _grow_quiz(quiz: Any, size: int) -> None:
    """Add copies of the quiz's own questions (through the question bank's import, as a
    trainer's file would arrive) until it has `size` questions."""
    from quizzes.bank import category_get_or_create_path, question_to_parsed, questions_import
    from quizzes.models import QuizQuestion

    originals = [link.question for link in quiz.quiz_questions.select_related("question")]
    missing = size - len(originals)
    if missing <= 0:
        return
    parsed = [question_to_parsed(originals[index % len(originals)]) for index in range(missing)]
    copies = questions_import(parsed=parsed, category=category_get_or_create_path(path=("Bench copies",)))
    start = len(originals)
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=copy, order=start + offset) for offset, copy in enumerate(copies)
    )


def _prepare_submissions(count: int) -> tuple[list[tuple[str, str]], str, int]:
    """`count` fresh in-progress attempts of the demo quiz, with the path and Cookie
    header that submits each, and one form body that answers every question."""
    from urllib.parse import urlencode

    from django.conf import settings
    from django.db import transaction

    from accounts.models import User
    from courses.models import ModulePage
    from courses.services import enrolment_create
    from demo.knowledge_checks import MODULE_SLUG, QUIZ_TITLE
    from quizzes.attempts import attempt_start
    from quizzes.models import Attempt, Quiz, QuizGrade, Response

    quiz = Quiz.objects.get(title=QUIZ_TITLE)
    _grow_quiz(quiz, SUBMISSION_QUESTIONS)
    module = ModulePage.objects.get(slug=MODULE_SLUG)
    course = module.get_parent().specific
    learners = []
    for number in range(LEARNERS):
        learner, _ = User.objects.get_or_create(
            email=f"bench-quiz-{number}@example.org", defaults={"full_name": "Bench"}
        )
        enrolment_create(member=learner, course=course)
        QuizGrade.objects.get_or_create(member=learner, quiz=quiz, module=module)  # as a start would
        learners.append(learner)

    template = attempt_start(member=learners[0], quiz=quiz, module=module)
    responses = list(
        template.responses.select_related("question").prefetch_related("question__answers", "question__match_pairs")
    )
    body: dict[str, Any] = {"csrfmiddlewaretoken": CSRF}
    for response in responses:
        question, field = response.question, f"q{response.slot}"
        answers = list(question.answers.all())
        if question.kind in ("single_choice", "true_false"):
            body[field] = [max(answers, key=lambda answer: answer.fraction).pk]
        elif question.kind == "multiple_response":
            body[field] = [answer.pk for answer in answers if answer.fraction > 0]
        elif question.kind == "matching":
            for pair in question.match_pairs.all():
                if pair.left:
                    body[f"{field}-{pair.pk}"] = pair.right
        elif question.kind in ("short_answer", "numerical"):
            body[field] = answers[0].text

    with transaction.atomic():
        attempts = []
        for index in range(count):
            attempts.append(
                Attempt(
                    member=learners[index % LEARNERS],
                    quiz=quiz,
                    module=module,
                    number=1000 + index,
                    max_marks=template.max_marks,
                )
            )
        Attempt.objects.bulk_create(attempts, batch_size=2000)
        Response.objects.bulk_create(
            (
                Response(attempt=attempt, slot=r.slot, question_id=r.question_id, max_mark=r.max_mark, layout=r.layout)
                for attempt in attempts
                for r in responses
            ),
            batch_size=5000,
        )
    cookies = {}
    for learner in learners:
        session = _session_cookie(learner)
        cookies[learner.pk] = f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={CSRF}"
    paths = [(f"/quizzes/attempt/{a.pk}/submit/", cookies[a.member_id]) for a in attempts]
    return paths, urlencode(body, doseq=True), len(responses)


def _session_cookie(member: Any) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(member)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _lua_script(work_dir: Path, requests: list[tuple[str, str]], body: str, threads: int) -> Path:
    """wrk walks the list: thread t of n takes requests t, t+n, t+2n..., never one twice."""
    listing = work_dir / "quiz-submissions.txt"
    listing.write_text("".join(f"{path}\t{cookie}\n" for path, cookie in requests))
    script = work_dir / "quiz-submissions.lua"
    script.write_text(
        f"""
local threads = {{}}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
function init(args)
  paths, cookies = {{}}, {{}}
  for line in io.lines("{listing}") do
    local path, cookie = line:match("([^\\t]+)\\t(.+)")
    table.insert(paths, path)
    table.insert(cookies, cookie)
  end
  step = {threads}
  index = id
end
function request()
  local i = index
  index = index + step
  if i > #paths then i = ((i - 1) % #paths) + 1 end
  return wrk.format("POST", paths[i], {{["Cookie"] = cookies[i],
    ["Content-Type"] = "application/x-www-form-urlencoded"}}, [[{body}]])
end
"""
    )
    return script


def submission_figure(harness: Any) -> dict[str, Any]:
    from django.db import connections

    from bench.run import WRK_THREADS

    needed = max(2000, EXPECTED_RATE * (harness.seconds + 4) * 3)
    harness.progress(f"quizzes: preparing {needed} in-progress attempts")
    requests, body, questions = _prepare_submissions(needed)
    connections.close_all()
    script = _lua_script(harness.work_dir, requests, body, WRK_THREADS)
    headers = {"Cookie": requests[0][1]}
    floor_before = harness.floor_rps(headers)
    result = harness.wrk(harness.base_url + "/", {}, harness.seconds, script)
    floor_after = harness.floor_rps(headers)
    if result.error_responses or result.socket_errors:
        raise RuntimeError(
            f"quiz submissions: {result.error_responses} error responses, {result.socket_errors} socket errors"
        )
    if result.requests > len(requests):
        harness.progress("warning: wrk ran out of fresh attempts; later submissions were repeats (cheaper)")
    from quizzes.models import Attempt

    graded = Attempt.objects.filter(number__gte=1000, state="finished").count()
    if graded < min(result.requests, len(requests)) * 0.95:
        raise RuntimeError(f"quiz submissions: only {graded} of {result.requests} requests graded an attempt")
    floor = (floor_before + floor_after) / 2
    value = result.requests_per_second
    return {
        "value": round(value, 1),
        "floor": round(floor, 1),
        "ratio": round(value / floor, 3),
        "unit": "req/s",  # each request is one submission
        "higher_is_better": True,
        "graded_attempts": graded,
        "questions": questions,
    }


def _analysis_data() -> Any:
    """A 30-question quiz with ANALYSIS_ATTEMPTS finished attempts, generated in SQL."""
    from decimal import Decimal

    from django.db import connection, transaction

    from accounts.models import User
    from courses.models import ModulePage
    from demo.knowledge_checks import MODULE_SLUG
    from quizzes.bank import category_get_or_create_path
    from quizzes.models import Answer, Question, Quiz, QuizQuestion

    with transaction.atomic():
        category = category_get_or_create_path(path=("Bench", "Item analysis"))
        quiz = Quiz.objects.create(title="Bench item analysis")
        questions = Question.objects.bulk_create(
            Question(category=category, kind="single_choice", stem=f"Bench question {n}")
            for n in range(ANALYSIS_QUESTIONS)
        )
        Answer.objects.bulk_create(
            Answer(question=q, order=o, text=f"choice {o}", fraction=Decimal(1 if o == 0 else 0))
            for q in questions
            for o in range(4)
        )
        QuizQuestion.objects.bulk_create(QuizQuestion(quiz=quiz, question=q, order=n) for n, q in enumerate(questions))
        member, _ = User.objects.get_or_create(email="bench-analysis@example.org", defaults={"full_name": "Bench"})
        module = ModulePage.objects.get(slug=MODULE_SLUG)
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO quizzes_attempt (member_id, quiz_id, module_id, number, state, started_at, submitted_at,
                                             timed_out, max_marks, passed)
                SELECT %s, %s, %s, n, 'finished', now(), now(), false, %s, false FROM generate_series(1, %s) AS n
                """,
                [member.pk, quiz.pk, module.pk, ANALYSIS_QUESTIONS, ANALYSIS_ATTEMPTS],
            )
            # Question s is answered rightly with probability rising from 0.2 to 0.9, and abler
            # learners (a per-attempt ability) are likelier to be right: the indices have something to find.
            cursor.execute(
                """
                INSERT INTO quizzes_response (attempt_id, slot, question_id, max_mark, layout, text, matches, answered,
                                              fraction, mark, needs_grading, trainer_comment)
                SELECT a.id, q.slot, q.question_id, 1, '[]', '', '{}', true, r.right, r.right, false, ''
                FROM (SELECT id, random() AS ability FROM quizzes_attempt WHERE quiz_id = %s) AS a
                CROSS JOIN (SELECT question_id, "order" + 1 AS slot FROM quizzes_quizquestion WHERE quiz_id = %s) AS q
                CROSS JOIN LATERAL (SELECT CASE WHEN random() < 0.2 + 0.7 * q.slot / %s * 0.5 + a.ability * 0.4
                                                THEN 1 ELSE 0 END AS right) AS r
                """,
                [quiz.pk, quiz.pk, ANALYSIS_QUESTIONS],
            )
            cursor.execute(
                """
                INSERT INTO quizzes_responsechoice (response_id, answer_id)
                SELECT r.id, (SELECT a.id FROM quizzes_answer a WHERE a.question_id = r.question_id
                              AND a."order" = CASE WHEN r.fraction = 1 THEN 0 ELSE 1 + (r.id %% 3) END)
                FROM quizzes_response r JOIN quizzes_attempt t ON t.id = r.attempt_id WHERE t.quiz_id = %s
                """,
                [quiz.pk],
            )
            cursor.execute(
                """
                UPDATE quizzes_attempt t SET marks = s.total, percent = round(s.total * 100.0 / %s, 2),
                       passed = s.total * 100.0 / %s >= 70
                FROM (SELECT attempt_id, sum(fraction) AS total FROM quizzes_response GROUP BY attempt_id) AS s
                WHERE s.attempt_id = t.id AND t.quiz_id = %s
                """,
                [ANALYSIS_QUESTIONS, ANALYSIS_QUESTIONS, quiz.pk],
            )
            cursor.execute("ANALYZE quizzes_attempt, quizzes_response, quizzes_responsechoice")
    return quiz


def analysis_figure(harness: Any) -> dict[str, Any]:
    from django.db import connection

    from quizzes.selectors import item_analysis

    harness.progress(f"quizzes: generating {ANALYSIS_ATTEMPTS} attempts of a {ANALYSIS_QUESTIONS}-question quiz")
    quiz = _analysis_data()

    def count_rows() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM quizzes_response r JOIN quizzes_attempt a ON a.id = r.attempt_id "
                "WHERE a.quiz_id = %s AND a.state = 'finished'",
                [quiz.pk],
            )
            cursor.fetchone()

    def timed(work: Any) -> float:
        work()  # warm the cache
        runs = []
        for _ in range(ANALYSIS_RUNS):
            started = time.perf_counter()
            work()
            runs.append(time.perf_counter() - started)
        return statistics.median(runs) * 1000

    analysis = item_analysis(quiz=quiz)
    assert analysis.attempts == ANALYSIS_ATTEMPTS and len(analysis.questions) == ANALYSIS_QUESTIONS
    value = timed(lambda: item_analysis(quiz=quiz))
    floor = timed(count_rows)
    return {
        "value": round(value, 1),
        "floor": round(floor, 1),
        "ratio": round(value / floor, 2),
        "unit": "ms",
        "higher_is_better": False,
        "attempts": ANALYSIS_ATTEMPTS,
        "response_rows": ANALYSIS_ATTEMPTS * ANALYSIS_QUESTIONS,
    }


def run(harness: Any) -> dict[str, dict[str, Any]]:
    return {"quiz_submission": submission_figure(harness), "quiz_item_analysis": analysis_figure(harness)}
