"""A quiz submission costs the same however many ticked choices the database holds.

Replacing an attempt's answers deletes its ticked choices. Were any `post_delete`
receiver connected without a sender, Django could no longer fast-delete them and
would SELECT the rows first; filtered through a join, PostgreSQL planned that as
a sequential scan of the whole choices table (29 ms at 334,000 rows). These tests
read what the database is asked and how it plans it, at 1,000 and 300,000 rows.
"""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from courses.services import enrolment_create
from quizzes.attempts import attempt_start, attempt_submit
from quizzes.models import Answer, Attempt, Response
from tests.accounts.factories import MemberFactory
from tests.courses.factories import make_course
from tests.quizzes.factories import given_answers, make_quiz, module_with_quiz, one_of_each

pytestmark = pytest.mark.django_db

CHOICES_TABLE = "quizzes_responsechoice"


@pytest.fixture
def started():
    course = make_course(modules=0)
    questions = one_of_each()
    quiz = make_quiz(questions, pass_mark=Decimal(70), attempts_allowed=3)
    module = module_with_quiz(course, quiz)
    member = MemberFactory()
    enrolment_create(member=member, course=course)
    attempt = attempt_start(member=member, quiz=quiz, module=module)
    single_choice = questions[0]
    return member, attempt, {single_choice.pk: "200,000"}


def _fill_choices_table(rows: int, *, beside) -> None:
    """`rows` ticked choices of a finished attempt beside this one, written in bulk by the
    database: half as many responses, each with two ticked answers."""
    filler = Attempt.objects.create(
        member=beside.member, quiz=beside.quiz, module=beside.module, number=1000, state=Attempt.State.FINISHED
    )
    question = Response.objects.filter(attempt=beside).values_list("question_id", flat=True).first()
    answers = list(Answer.objects.values_list("pk", flat=True)[:2])
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO quizzes_response (attempt_id, slot, question_id, max_mark, layout, text, matches,
                                          answered, needs_grading, trainer_comment)
            SELECT %s, n, %s, 1, '[]', '', '{}', true, false, '' FROM generate_series(1, %s) AS n
            """,
            [filler.pk, question, rows // 2],
        )
        cursor.execute(
            """
            INSERT INTO quizzes_responsechoice (response_id, answer_id)
            SELECT r.id, a.id FROM quizzes_response r CROSS JOIN unnest(%s::bigint[]) AS a (id)
            WHERE r.attempt_id = %s
            """,
            [answers, filler.pk],
        )
        cursor.execute("ANALYZE quizzes_responsechoice")
        cursor.execute("SELECT count(*) FROM quizzes_responsechoice")
        assert cursor.fetchone()[0] >= rows


def _choices_statements(member, attempt, answers) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        attempt_submit(attempt_id=attempt.pk, member=member, answers=given_answers(attempt, answers))
    return [query["sql"] for query in captured.captured_queries if CHOICES_TABLE in query["sql"]]


def _pages_touched(sql: str) -> tuple[int, str]:
    """How many table and index pages the statement reads or writes, run again (and rolled
    back) under EXPLAIN ANALYZE, with the plan's node types for the failure message."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0][0]["Plan"]
        transaction.set_rollback(True)

    def nodes(node):
        yield node["Node Type"] + " on " + node.get("Relation Name", "")
        for child in node.get("Plans", []):
            yield from nodes(child)

    return plan["Shared Hit Blocks"] + plan["Shared Read Blocks"], " / ".join(nodes(plan))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan under test is PostgreSQL's")
@pytest.mark.parametrize("rows", [1_000, 300_000])
def test_submitting_deletes_the_old_choices_without_reading_them_or_the_table(started, rows):
    member, attempt, answers = started
    _fill_choices_table(rows, beside=attempt)

    statements = _choices_statements(member, attempt, answers)

    assert [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")] == [], (
        "the ticked choices were read before being deleted: something stops Django fast-deleting them"
    )
    deletes = [sql for sql in statements if sql.lstrip().upper().startswith("DELETE")]
    assert len(deletes) == 1
    # A small table is cheapest to read whole, so the planner may; what must not happen is the
    # cost growing with the table: 300,000 rows fill about 1,300 pages, and the delete reads a handful.
    pages, plan = _pages_touched(deletes[0])
    assert pages <= 30, f"{pages} pages touched: {plan}"
