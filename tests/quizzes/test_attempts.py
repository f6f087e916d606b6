"""Attempts: start, save, submit, marking, grades, retakes, time limits and the module gate."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.choices import Role
from courses.models import ModuleProgress
from courses.services import CourseError, enrolment_create, module_complete
from quizzes.attempts import (
    QuizError,
    attempt_save,
    attempt_start,
    attempt_submit,
    attempts_overdue_submit,
    response_mark,
)
from quizzes.models import Attempt, QuizGrade, Response
from quizzes.tasks import attempts_overdue_submit_task
from tests.accounts.factories import MemberFactory
from tests.courses.factories import make_course
from tests.quizzes.factories import (
    answer_form,
    given_answers,
    make_quiz,
    module_with_quiz,
    one_of_each,
    question,
    read_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    course = make_course(modules=0)
    questions = one_of_each()
    quiz = make_quiz(questions, pass_mark=Decimal(70), attempts_allowed=3)
    module = module_with_quiz(course, quiz)
    member = MemberFactory()
    enrolment_create(member=member, course=course)
    return course, module, quiz, questions, member


def all_right(questions):
    single, multiple, truefalse, matching, short, numerical, essay = questions
    return {
        single.pk: "200,000",
        multiple.pk: ["Twice as likely to have mental health problems", "Often hidden"],
        truefalse.pk: "false",
        matching.pk: {"Arrest": "Police", "Court": "Judge"},
        short.pk: "barnardo's",
        numerical.pk: "2.05",
        essay.pk: "Talk to the school.",
    }


def test_every_type_is_scored_on_the_server_and_the_essay_waits_for_a_trainer(setting):
    _, module, quiz, questions, member = setting
    attempt = attempt_start(member=member, quiz=quiz, module=module)

    attempt = attempt_submit(attempt_id=attempt.pk, member=member, answers=given_answers(attempt, all_right(questions)))

    assert attempt.state == Attempt.State.NEEDS_GRADING
    marks = {r.question_id: r.mark for r in Response.objects.filter(attempt=attempt)}
    assert [marks[q.pk] for q in questions[:6]] == [Decimal(1)] * 6
    assert marks[questions[6].pk] is None

    trainer = MemberFactory(role=Role.ADMINISTRATOR)
    essay = Response.objects.get(attempt=attempt, question=questions[6])
    response_mark(response_id=essay.pk, marker=trainer, fraction=Decimal("0.5"), comment="Good start")

    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED
    assert attempt.percent == Decimal("92.86")  # 6.5 of 7
    assert attempt.passed is True
    assert QuizGrade.objects.get(member=member, quiz=quiz).passed


def test_wrong_answers_and_negative_marks(setting):
    _, module, quiz, questions, member = setting
    single, multiple, truefalse, matching, short, numerical, _essay = questions
    attempt = attempt_start(member=member, quiz=quiz, module=module)
    data = answer_form(
        attempt,
        {
            single.pk: "2,000",
            multiple.pk: ["Half as likely", "Often hidden"],
            truefalse.pk: "true",
            matching.pk: {"Arrest": "Police", "Court": "Plumber"},
            short.pk: "Dr Barnardo",
            numerical.pk: "2.2",
        },
    )
    attempt_submit(attempt_id=attempt.pk, member=member, answers=read_answers(attempt, data))
    marks = {r.question_id: r.mark for r in Response.objects.filter(attempt=attempt)}
    assert [marks[q.pk] for q in questions[:6]] == [0, 0, 0, Decimal("0.5"), 0, 0]


def test_answers_saved_as_they_go_survive_and_the_attempt_resumes(setting):
    _, module, quiz, questions, member = setting
    attempt = attempt_start(member=member, quiz=quiz, module=module)
    attempt_save(attempt_id=attempt.pk, member=member, answers=given_answers(attempt, {questions[4].pk: "Barnardos"}))

    again = attempt_start(member=member, quiz=quiz, module=module)

    assert again.pk == attempt.pk
    assert Response.objects.get(attempt=attempt, question=questions[4]).text == "Barnardos"


def test_the_question_set_and_choice_order_are_frozen_on_the_attempt(setting):
    _, module, quiz, questions, member = setting
    quiz.shuffle_questions = quiz.shuffle_choices = True
    quiz.save()
    attempt = attempt_start(member=member, quiz=quiz, module=module)
    before = list(Response.objects.filter(attempt=attempt).values_list("question_id", "layout"))
    questions[0].answers.create(text="A new choice", fraction=0, order=9)

    after = list(Response.objects.filter(attempt=attempt).values_list("question_id", "layout"))

    assert before == after
    assert sorted(q for q, _ in after) == sorted(q.pk for q in questions)


def test_random_questions_are_drawn_from_the_category(setting):
    _, module, quiz, _questions, member = setting
    from tests.quizzes.factories import category

    pool = category("Pool")
    drawn = [
        question("true_false", stem=f"Pool {n}", answers=[("true", "1"), ("false", "0")], in_category=pool)
        for n in range(5)
    ]
    quiz.random_category = pool
    quiz.random_count = 2
    quiz.save()

    attempt = attempt_start(member=member, quiz=quiz, module=module)

    ids = set(Response.objects.filter(attempt=attempt).values_list("question_id", flat=True))
    assert len(ids) == 9
    assert len(ids & {q.pk for q in drawn}) == 2


def test_submitting_twice_grades_once(setting):
    _, module, quiz, questions, member = setting
    attempt = attempt_start(member=member, quiz=quiz, module=module)
    first = attempt_submit(attempt_id=attempt.pk, member=member, answers=given_answers(attempt, all_right(questions)))
    second = attempt_submit(attempt_id=attempt.pk, member=member, answers={})

    assert second.submitted_at == first.submitted_at
    assert Response.objects.filter(attempt=attempt, mark=1).count() == 6
    with pytest.raises(QuizError, match="submitted"):
        attempt_save(attempt_id=attempt.pk, member=member, answers={})


def test_the_attempt_limit_holds_and_grading_follows_the_method(setting):
    _, module, quiz, questions, member = setting
    essayless = questions[:6]
    quiz.quiz_questions.filter(question=questions[6]).delete()
    quiz.grading = "last"
    quiz.save()
    for answers in (all_right(questions), {}, {essayless[0].pk: "200,000"}):
        attempt = attempt_start(member=member, quiz=quiz, module=module)
        attempt_submit(attempt_id=attempt.pk, member=member, answers=given_answers(attempt, answers))

    with pytest.raises(QuizError, match="all 3 attempt"):
        attempt_start(member=member, quiz=quiz, module=module)
    grade = QuizGrade.objects.get(member=member, quiz=quiz)
    assert grade.percent == Decimal("16.67")
    assert grade.passed is False
    assert list(Attempt.objects.filter(member=member).values_list("percent", flat=True)) == [
        Decimal(100),
        Decimal(0),
        Decimal("16.67"),
    ]


def test_a_required_quiz_gates_the_module_and_passing_it_completes_module_and_course(setting):
    _course, module, quiz, questions, member = setting
    quiz.quiz_questions.filter(question=questions[6]).delete()

    with pytest.raises(CourseError, match="Pass the quiz “Knowledge check”"):
        module_complete(member=member, module=module)

    failed = attempt_start(member=member, quiz=quiz, module=module)
    attempt_submit(attempt_id=failed.pk, member=member, answers={})
    assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()

    passed = attempt_start(member=member, quiz=quiz, module=module)
    attempt_submit(attempt_id=passed.pk, member=member, answers=given_answers(passed, all_right(questions)))

    progress = ModuleProgress.objects.get(module=module, enrolment__member=member)
    assert progress.completed_at is not None
    assert progress.enrolment.completed_at is not None  # the only module: the course is complete too


def test_only_enrolled_members_start_and_only_quizzes_placed_in_the_module(setting):
    _course, module, quiz, questions, member = setting
    stranger = MemberFactory()
    with pytest.raises(QuizError, match="Enrol"):
        attempt_start(member=stranger, quiz=quiz, module=module)
    other = make_quiz(questions[:1], title="Other")
    with pytest.raises(QuizError, match="not available"):
        attempt_start(member=member, quiz=other, module=module)
    with pytest.raises(QuizError, match="does not exist"):
        attempt = attempt_start(member=member, quiz=quiz, module=module)
        attempt_submit(attempt_id=attempt.pk, member=stranger, answers={})


def test_an_attempt_past_its_time_limit_is_submitted_with_what_it_had(setting):
    _, module, quiz, questions, member = setting
    quiz.time_limit_minutes = 10
    quiz.save()
    attempt = attempt_start(member=member, quiz=quiz, module=module)
    attempt_save(attempt_id=attempt.pk, member=member, answers=given_answers(attempt, {questions[0].pk: "200,000"}))
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))

    attempt = attempt_save(attempt_id=attempt.pk, member=member, answers=given_answers(attempt, all_right(questions)))
    attempt.refresh_from_db()
    assert attempt.timed_out and attempt.state != Attempt.State.IN_PROGRESS
    assert Response.objects.filter(attempt=attempt, mark=1).count() == 1  # only what was saved in time


def test_late_submissions_keep_only_what_was_saved_and_abandoned_attempts_are_closed(setting):
    _, module, quiz, questions, member = setting
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = attempt_start(member=member, quiz=quiz, module=module)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    late = attempt_submit(attempt_id=attempt.pk, member=member, answers=given_answers(attempt, all_right(questions)))
    assert late.timed_out and Response.objects.filter(attempt=attempt, mark=1).count() == 0

    abandoned = attempt_start(member=member, quiz=quiz, module=module)
    Attempt.objects.filter(pk=abandoned.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    assert attempts_overdue_submit_task.delay().get() == 1  # eager here; beat runs it on the worker
    assert attempts_overdue_submit() == 0  # already submitted: nothing twice
    abandoned.refresh_from_db()
    assert abandoned.timed_out and abandoned.submitted_at is not None


def test_a_trainer_cannot_mark_outside_zero_to_one_and_learners_cannot_mark(setting):
    _, module, quiz, questions, member = setting
    attempt = attempt_start(member=member, quiz=quiz, module=module)
    attempt_submit(attempt_id=attempt.pk, member=member, answers={})
    essay = Response.objects.get(attempt=attempt, question=questions[6])
    trainer = MemberFactory(role=Role.ADMINISTRATOR)
    with pytest.raises(QuizError):
        response_mark(response_id=essay.pk, marker=trainer, fraction=Decimal("1.5"))
    with pytest.raises(QuizError):
        response_mark(response_id=essay.pk, marker=member, fraction=Decimal(1))
    with pytest.raises(QuizError):
        response_mark(response_id=essay.pk, marker=MemberFactory(), fraction=Decimal(1))
    essay.refresh_from_db()
    assert essay.needs_grading and essay.mark is None


def test_a_quiz_deleted_after_it_was_placed_no_longer_holds_the_module(setting):
    _, module, quiz, _questions, member = setting
    quiz.delete()  # no attempts yet, so nothing protects it

    module_complete(member=member, module=module)

    assert ModuleProgress.objects.get(module=module).completed_at is not None
