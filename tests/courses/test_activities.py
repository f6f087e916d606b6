"""Activities in module bodies: blocks that their own apps define, registered through
COURSES_ACTIVITY_BLOCKS, and the completion gates they bring.

The "reading check" activity is a test-only app (tests/reading_check), the worked
example in docs/architecture.md: its app and one settings line (tests/settings.py)
add a block that holds a module open until the learner confirms."""

import json
import uuid
from decimal import Decimal

import pytest
from django.db import connection

from courses.api import module_completion_blockers
from courses.models import ModulePage, ModuleProgress
from courses.services import CourseError, enrolment_create, module_complete
from courses.signals import course_completed
from quizzes.blocks import quiz_placements
from scorm.selectors import scorm_placements
from tests.accounts.factories import MemberFactory
from tests.courses.factories import add_module, make_course, text_block
from tests.quizzes.factories import make_quiz, one_of_each
from tests.reading_check.blocks import reading_placements
from tests.reading_check.services import reading_confirm
from tests.scorm.builders import package_12
from tests.scorm.test_attempts import ready_package


def reading_block(statement: str = "I have read the guide to prison visits", *, required: bool = True) -> dict:
    return {"type": "reading_check", "value": {"statement": statement, "required": required}, "id": str(uuid.uuid4())}


@pytest.mark.django_db
def test_a_reading_check_holds_the_module_until_confirmed_then_completes_it():
    course = make_course(modules=0)
    check = reading_block()
    module = add_module(course, title="Visiting", body=[text_block(), check])
    member = MemberFactory()
    enrolment = enrolment_create(member=member, course=course)

    with pytest.raises(CourseError, match=r"Confirm “I have read the guide to prison visits” to finish this module\."):
        module_complete(member=member, module=module)
    assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()

    assert reading_confirm(member=member, module=module, block_id=check["id"]) is True

    assert ModuleProgress.objects.get(enrolment=enrolment, module=module).completed_at is not None
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None  # the course's only module: the course is complete too


@pytest.mark.django_db
def test_an_optional_reading_check_does_not_hold_the_module():
    course = make_course(modules=0)
    module = add_module(course, body=[reading_block(required=False)])
    member = MemberFactory()
    enrolment_create(member=member, course=course)

    module_complete(member=member, module=module)

    assert ModuleProgress.objects.filter(module=module, completed_at__isnull=False).count() == 1


@pytest.mark.django_db
def test_each_activity_that_holds_a_module_says_so():
    course = make_course(modules=0)
    quiz = make_quiz(one_of_each()[:1], title="Court facts")
    package = ready_package(package_12(title="At court"))
    module = add_module(
        course,
        body=[
            {"type": "quiz", "value": {"quiz": quiz.pk, "required": True}, "id": "q1"},
            {"type": "scorm", "value": {"package": package.pk, "required": True}, "id": "s1"},
            reading_block("I have read it"),
        ],
    )
    member = MemberFactory()
    enrolment_create(member=member, course=course)

    assert module_completion_blockers(member=member, module=module) == [
        "Pass the quiz “Court facts” to finish this module.",
        "Complete “At court” to finish this module.",
        "Confirm “I have read it” to finish this module.",
    ]


@pytest.mark.django_db
def test_a_body_stored_before_the_blocks_moved_still_loads_and_renders(client):
    """The JSON as courses/migrations/0004 left it, written straight to the column: the
    block types and fields stored bodies name are what the activity apps' blocks read."""
    course = make_course(modules=0)
    quiz = make_quiz(one_of_each()[:1], title="Facts at court")
    package = ready_package(package_12(title="Going to court"))
    module = add_module(course, title="Court")
    stored = [
        {"type": "rich_text", "value": "<p>Before the hearing.</p>", "id": "a1"},
        {"type": "quiz", "value": {"quiz": quiz.pk, "required": True}, "id": "b2"},
        {
            "type": "scorm",
            "value": {
                "package": package.pk,
                "attempts_allowed": 2,
                "new_attempt_after_completion": False,
                "mastery_score": 80.5,
                "completion_rule": "passed",
                "required": False,
            },
            "id": "c3",
        },
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {ModulePage._meta.db_table} SET body = %s WHERE page_ptr_id = %s",  # noqa: S608
            [json.dumps(stored), module.pk],
        )
    module = ModulePage.objects.get(pk=module.pk)
    member = MemberFactory()
    enrolment_create(member=member, course=course)
    client.force_login(member)

    response = client.get(module.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Before the hearing." in html
    assert "Quiz: Facts at court" in html
    assert "Going to court" in html
    assert [(p.block_id, p.quiz_id, p.required) for p in quiz_placements(module)] == [("b2", quiz.pk, True)]
    (scorm,) = scorm_placements(module)
    assert (scorm.block_id, scorm.package_id, scorm.attempts_allowed, scorm.mastery_score) == (
        "c3",
        package.pk,
        2,
        Decimal("80.5"),
    )
    assert (scorm.completion_rule, scorm.required) == ("passed", False)


@pytest.mark.django_db
def test_placements_are_read_without_a_query(django_assert_num_queries):
    course = make_course(modules=0)
    module = add_module(course, body=[text_block(), reading_block("One"), reading_block("Two", required=False)])
    module = ModulePage.objects.get(pk=module.pk)

    with django_assert_num_queries(0):
        placements = reading_placements(module)

    assert [(p.statement, p.required) for p in placements] == [("One", True), ("Two", False)]


@pytest.mark.django_db(transaction=True)
def test_course_completed_is_sent_once_after_commit():
    course = make_course(modules=0)
    module = add_module(course, title="Arrest")
    member = MemberFactory()
    enrolment = enrolment_create(member=member, course=course)
    received = []

    def listener(sender, enrolment_id, **kwargs):
        received.append(enrolment_id)

    course_completed.connect(listener)
    try:
        module_complete(member=member, module=module)
        module_complete(member=member, module=module)
    finally:
        course_completed.disconnect(listener)

    assert received == [enrolment.pk]
