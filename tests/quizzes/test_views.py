"""The attempt flow over HTTP: integrity of what reaches the browser, who sees
what, fixed query counts, review options."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from courses.services import enrolment_create
from quizzes.models import Attempt, QuizGrade
from tests.accounts.factories import MemberFactory
from tests.courses.factories import course_trainer, make_course
from tests.quizzes.factories import MARKER, answer_form, make_quiz, module_with_quiz, one_of_each, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed():
    course = make_course(modules=0)
    questions = one_of_each(feedback_marker=MARKER)
    quiz = make_quiz(questions, attempts_allowed=0, shuffle_choices=True, shuffle_questions=True)
    module = module_with_quiz(course, quiz)
    member = MemberFactory()
    enrolment_create(member=member, course=course)
    return course, module, quiz, questions, member


def body_of(response) -> str:
    parts = [response.content.decode()] if not getattr(response, "streaming", False) else []
    parts.append(response.get("Location", ""))
    parts.append(json.dumps(dict(response.headers)))
    return "\n".join(parts)


def test_nothing_of_the_answer_key_reaches_the_browser_before_submission(client, placed):
    """Every right answer's feedback and every general feedback carries MARKER; the
    attempt flow's responses (pages, JSON, redirects) must not contain it, nor the
    right answers of text questions, until the attempt is submitted."""
    _, module, quiz, questions, member = placed
    client.force_login(member)
    seen = []

    seen.append(client.get(module.url))
    start = client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    seen.append(start)
    attempt = Attempt.objects.get(member=member)
    seen.append(client.get(start["Location"]))
    data = answer_form(attempt, {questions[0].pk: "2,000", questions[4].pk: "no idea"})
    seen.append(client.post(reverse("quizzes:save", args=[attempt.pk]), data, HTTP_ACCEPT="application/json"))
    seen.append(client.post(reverse("quizzes:save", args=[attempt.pk]), data))
    seen.append(client.get(reverse("quizzes:attempt", args=[attempt.pk])))
    seen.append(client.get(module.url))
    seen.append(client.post(reverse("quizzes:start", args=[module.pk, quiz.pk])))  # resumes

    for response in seen:
        text = body_of(response)
        assert MARKER not in text
        assert "Barnardo*" not in text  # the short answer key
        assert "fraction" not in text and "correct" not in text.lower()
    attempt_page = seen[2].content.decode()
    assert "How many children a year" in attempt_page  # the questions are there, just not the key
    assert "Plumber" in attempt_page  # matching offers every right-hand option, distractors included

    submitted = client.post(reverse("quizzes:submit", args=[attempt.pk]), data, follow=True)
    assert MARKER in submitted.content.decode()  # feedback arrives with the review, as the quiz allows


def test_review_shows_only_what_the_review_options_allow(client, placed):
    _, module, quiz, _questions, member = placed
    quiz.review_feedback_after_submit = False
    quiz.review_right_answers_after_submit = False
    quiz.review_correctness_after_submit = False
    quiz.save()
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    page = client.post(reverse("quizzes:submit", args=[attempt.pk]), {}, follow=True).content.decode()
    assert MARKER not in page
    assert "a right answer" not in page
    assert "Waiting for a trainer" in page or "trainer will mark" in page


def test_an_attempt_is_visible_only_to_its_owner_and_trainers_of_the_course(client, placed):
    _, module, quiz, _questions, member = placed
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    url = reverse("quizzes:attempt", args=[attempt.pk])

    other = MemberFactory()
    enrolment_create(member=other, course=module.get_parent().specific)
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("quizzes:save", args=[attempt.pk]), {}).status_code == 302
    )  # refused, back with a message
    assert client.post(reverse("quizzes:submit", args=[attempt.pk]), {}).status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS

    client.force_login(MemberFactory(role=Role.TRAINER))  # a trainer who does not run the course
    assert client.get(url).status_code == 404
    client.force_login(course_trainer(module.get_parent().specific))
    assert client.get(url).status_code == 200
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))
    assert client.get(url).status_code == 200


def test_a_trainer_marks_an_essay_through_the_review_page(client, placed):
    _, module, quiz, questions, member = placed
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    client.post(reverse("quizzes:submit", args=[attempt.pk]), answer_form(attempt, {questions[6].pk: "Listen."}))
    essay = attempt.responses.get(question=questions[6])

    # A trainer who does not run the course can neither see the answer nor mark it.
    client.force_login(MemberFactory(role=Role.TRAINER))
    assert client.get(reverse("quizzes:attempt", args=[attempt.pk])).status_code == 404
    client.post(reverse("quizzes:mark", args=[essay.pk]), {"mark": "0", "max_mark": "1", "attempt": attempt.pk})
    essay.refresh_from_db()
    assert essay.needs_grading and essay.mark is None

    client.force_login(course_trainer(module.get_parent().specific))
    page = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "Save mark" in page and "Listen." in page
    client.post(reverse("quizzes:mark", args=[essay.pk]), {"mark": "1", "max_mark": "1", "attempt": attempt.pk})

    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED
    assert QuizGrade.objects.get(member=member).percent == attempt.percent


def test_a_learner_sees_a_clear_message_when_attempts_run_out(client, placed):
    _, module, quiz, _questions, member = placed
    quiz.attempts_allowed = 1
    quiz.save()
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    client.post(reverse("quizzes:submit", args=[attempt.pk]), {})
    response = client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]), follow=True)
    assert "You have used all 1 attempt" in response.content.decode()
    assert Attempt.objects.filter(member=member).count() == 1


def _quiz_of(size: int):
    questions = [
        question("single_choice", stem=f"Q{n}", answers=[("right", "1"), ("wrong", "0"), ("other", "0")])
        for n in range(size // 2)
    ] + [question("short_answer", stem=f"S{n}", answers=[("yes*", "1")]) for n in range(size - size // 2)]
    return make_quiz(questions, attempts_allowed=0), questions


@pytest.mark.parametrize("size", [10, 50])
def test_submitting_an_attempt_takes_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    course = make_course(modules=0)
    quiz, questions = _quiz_of(size)
    module = module_with_quiz(course, quiz)
    member = MemberFactory()
    enrolment_create(member=member, course=course)
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    answers = {q.pk: ("right" if q.kind == "single_choice" else "yes please") for q in questions}
    data = answer_form(attempt, answers)

    # Session and member; the attempt's layout the answers form is built from; a savepoint; the attempt's
    # grade row locked through the attempt, then the attempt; its responses with their questions, answers
    # and pairs; ticked choices cleared and inserted; the responses written (answers and marks at once);
    # the attempt; finished attempts read and the grade written. Passing then completes the module in
    # courses (a fixed dozen more), which queues the completion email and the certificate as two outbox
    # rows (six queries each: a get-or-create in savepoints). None of it per question.
    with django_assert_num_queries(SUBMIT_QUERIES):
        response = client.post(reverse("quizzes:submit", args=[attempt.pk]), data)

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.percent == Decimal(100)


SUBMIT_QUERIES = 42


def test_a_members_data_download_includes_their_attempts_and_answers(client, placed):
    _, module, quiz, questions, member = placed
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    client.post(reverse("quizzes:submit", args=[attempt.pk]), answer_form(attempt, {questions[4].pk: "Barnardo's"}))

    data = json.loads(client.get(reverse("accounts:data_export")).content)

    [exported] = data["quizzes"]
    assert exported["quiz"] == "Knowledge check" and exported["attempt"] == 1
    assert "Barnardo's" in [answer["text"] for answer in exported["answers"]]


def test_after_the_quiz_closes_the_after_close_review_applies_and_the_band_feedback_shows(client, placed):
    from datetime import timedelta

    from django.utils import timezone

    from quizzes.models import FeedbackBand

    _, module, quiz, questions, member = placed
    quiz.review_right_answers_after_submit = False
    quiz.review_right_answers_after_close = True
    quiz.save()
    FeedbackBand.objects.create(quiz=quiz, min_percent=50, text="Well done band")
    FeedbackBand.objects.create(quiz=quiz, min_percent=0, text="Try again band")
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    client.post(reverse("quizzes:submit", args=[attempt.pk]), answer_form(attempt, {questions[4].pk: "Barnardos"}))
    url = reverse("quizzes:attempt", args=[attempt.pk])

    before = client.get(url).content.decode()
    assert "Right answer: Barnardo" not in before and "a right answer" not in before

    quiz.closes_at = timezone.now() - timedelta(minutes=1)
    quiz.save()
    after = client.get(url).content.decode()
    assert "Right answer: Barnardo" in after and "a right answer" in after
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.NEEDS_GRADING  # the essay awaits marking
    assert "Try again band" not in after  # no score yet, so no band

    response = client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]), follow=True)
    assert "This quiz has closed." in response.content.decode()


def test_overall_feedback_follows_the_score_band(client, placed):
    from quizzes.models import FeedbackBand

    _, module, quiz, questions, member = placed
    quiz.quiz_questions.filter(question=questions[6]).delete()  # no essay: marked at once
    FeedbackBand.objects.create(quiz=quiz, min_percent=50, text="Well done band")
    FeedbackBand.objects.create(quiz=quiz, min_percent=0, text="Try again band")
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    page = client.post(
        reverse("quizzes:submit", args=[attempt.pk]), answer_form(attempt, {questions[4].pk: "Barnardos"}), follow=True
    ).content.decode()
    assert "16.67% — not passed" in page
    assert "Try again band" in page and "Well done band" not in page


def test_opening_an_attempt_past_its_time_limit_writes_nothing_and_the_next_post_submits_it(client, placed):
    """No GET writes: the page says time is up; beat, or the learner's next POST, submits it."""
    _, module, quiz, questions, member = placed
    quiz.time_limit_minutes = 5
    quiz.save()
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))

    page = client.get(reverse("quizzes:attempt", args=[attempt.pk]))

    assert page.status_code == 200
    assert "Time ran out" in page.content.decode()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS and attempt.submitted_at is None

    client.post(reverse("quizzes:submit", args=[attempt.pk]), answer_form(attempt, {questions[0].pk: "200,000"}))

    attempt.refresh_from_db()
    assert attempt.timed_out and attempt.submitted_at is not None
    assert attempt.responses.filter(mark__gt=0).count() == 0  # only what was saved in time counts


def test_an_answer_over_the_length_limit_is_refused_with_a_message_and_changes_nothing(client, placed):
    _, module, quiz, questions, member = placed
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    data = answer_form(attempt, {questions[0].pk: "2,000", questions[4].pk: "x" * 20_001})

    response = client.post(reverse("quizzes:save", args=[attempt.pk]), data, HTTP_ACCEPT="application/json")

    assert response.status_code == 409
    assert "Keep answers under 20,000 characters" in response.json()["message"]
    assert not attempt.responses.filter(answered=True).exists()


def test_a_forged_choice_is_left_out_and_the_other_answers_count(client, placed):
    _, module, quiz, questions, member = placed
    client.force_login(member)
    client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))
    attempt = Attempt.objects.get(member=member)
    data = answer_form(attempt, {questions[4].pk: "Barnardos"})
    single = attempt.responses.get(question=questions[0])
    data[f"q{single.slot}"] = ["999999", "not-a-number"]

    response = client.post(reverse("quizzes:save", args=[attempt.pk]), data)

    assert response.status_code == 302
    assert list(attempt.responses.filter(answered=True).values_list("question_id", flat=True)) == [questions[4].pk]


def started_two_question_quiz(client):
    """A member signed in and started on a quiz of a description and two questions: the member,
    the questions and the attempt's address."""
    course = make_course(modules=0)
    questions = [
        question("description", stem="Read this first."),
        question("true_false", stem="Children are often told the truth.", answers=[("true", "0"), ("false", "1")]),
        question("short_answer", stem="Which charity runs i-HOP with POPS?", answers=[("Barnardo*", "1")]),
    ]
    quiz = make_quiz(questions, attempts_allowed=0)
    module = module_with_quiz(course, quiz)
    member = MemberFactory()
    enrolment_create(member=member, course=course)
    client.force_login(member)
    attempt_url = client.post(reverse("quizzes:start", args=[module.pk, quiz.pk]))["Location"]
    return member, questions, attempt_url


def test_each_question_says_its_number_of_the_total_and_the_review_marks_right_and_wrong(client):
    """A description asks nothing, so it is not counted: a learner reads "Question 2 of 2" on the
    last real question, on the attempt page (inside the legend or label, so a screen reader hears
    it with the question) and on the review, where each mark has its ✓ or ✗ beside the word."""
    member, questions, attempt_url = started_two_question_quiz(client)
    page = client.get(attempt_url).content.decode()
    in_question = re.findall(
        r'<(?:legend|label)[^>]*><span class="[^"]*\bquiz-number\b[^"]*">(Question \d+ of \d+)</span>', page
    )
    assert in_question == ["Question 1 of 2", "Question 2 of 2"]
    assert "Question 1 of 2</span>Children are often told the truth." in page
    assert "Question 2 of 2</span>Which charity" in page
    assert "of 3" not in page

    attempt = Attempt.objects.get(member=member)
    data = answer_form(attempt, {questions[1].pk: "false", questions[2].pk: "the council"})
    review = client.post(reverse("quizzes:submit", args=[attempt.pk]), data, follow=True).content.decode()
    assert "Question 2 of 2" in review
    assert '<span class="quiz-mark-symbol" aria-hidden="true">✓</span> Right' in review
    assert '<span class="quiz-mark-symbol" aria-hidden="true">✗</span> Wrong' in review


def test_each_choice_question_is_a_fieldset_of_large_options_with_the_progress_beside_submit(client):
    """One question, one fieldset named by its legend; radios and checkboxes at the design
    system's full size; and the count of answered questions in the bar that holds "Submit
    my answers" (saved answers count, descriptions do not)."""
    member, questions, attempt_url = started_two_question_quiz(client)
    page = client.get(attempt_url).content.decode()

    fieldsets = re.findall(
        r'<fieldset class="govuk-fieldset"[^>]*>\s*<legend[^>]*>(.*?)</legend>(.*?)</fieldset>', page, re.S
    )
    assert len(fieldsets) == 1, "the true/false question is one group; the short answer has its label"
    legend, options = fieldsets[0]
    assert "Question 1 of 2" in legend and "Children are often told the truth." in legend
    assert options.count('type="radio"') == 2 and 'class="govuk-radios"' in options
    assert "--small" not in page, "options at full size, easy to tap"
    bar = re.search(r'<div class="quiz-actions">(.*?)</div>\s*</form>', page, re.S)
    assert bar and "Submit my answers</button>" in bar[1]
    assert ">0 of 2</span> questions answered" in bar[1]

    attempt = Attempt.objects.get(member=member)
    client.post(reverse("quizzes:save", args=[attempt.pk]), answer_form(attempt, {questions[2].pk: "Barnardo's"}))
    again = client.get(attempt_url).content.decode()
    assert ">1 of 2</span> questions answered" in again
    assert '<progress class="ihop-progress quiz-progress__bar" id="quiz-progress" max="2" value="1"' in again
