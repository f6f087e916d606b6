"""Evaluation: only who completed or attended may answer; one per learner, replaced on a second
save; the aggregate staff see, in a fixed number of queries, with small groups suppressed."""

import re

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.choices import Role
from accounts.models import User
from accounts.selectors import member_export_data
from accounts.services import member_erase
from certificates.models import Certificate
from certificates.services import certificate_email_message, certificate_issue
from cpd.models import Evaluation, OutcomeRating
from cpd.selectors import evaluation_aggregate, evaluation_target
from cpd.services import Confidence, evaluation_submit
from tests.accounts.factories import MemberFactory
from tests.certificates.conftest import course_achievement
from tests.courses.factories import course_trainer, make_course
from tests.cpd.builders import attended_workshop, completed_course

pytestmark = pytest.mark.django_db


def numeric_cells(page: str) -> list[list[str]]:
    """Each row of the results table: its figures (answers, before, after, change), as shown."""
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S)
    return [re.findall(r'<td class="govuk-table__cell govuk-table__cell--numeric">(.*?)</td>', row) for row in rows]


ANSWERS = {"before_0": "2", "after_0": "4", "before_1": "1", "after_1": "5", "usefulness": "5"}


def test_a_learner_who_completed_submits_and_it_appears_in_the_aggregate(client):
    course = make_course(modules=1, title="Supporting children of prisoners")
    learners = [MemberFactory(sector="education", region="london") for _ in range(5)]
    for learner in learners:
        completed_course(learner, course)
    client.force_login(learners[0])

    form = client.get(reverse("cpd:evaluate_course", args=[course.pk])).content.decode()
    assert "Know the figures" in form and "Know what helps" in form
    response = client.post(
        reverse("cpd:evaluate_course", args=[course.pk]), {**ANSWERS, "will_do_differently": "Ask about visits"}
    )
    assert response.status_code == 302
    for learner in learners[1:]:
        client.force_login(learner)
        client.post(reverse("cpd:evaluate_course", args=[course.pk]), ANSWERS)

    client.force_login(course_trainer(course))
    page = client.get(reverse("cpd:results")).content.decode()

    assert "Know the figures" in page
    assert ["5", "2.0", "4.0", "+2.0"] in numeric_cells(page)
    assert ["5", "1.0", "5.0", "+4.0"] in numeric_cells(page)
    assert "Ask about visits" in page
    for learner in learners:
        assert learner.full_name not in page and learner.email not in page


def test_fewer_than_five_answers_show_no_figures_and_no_free_text(client):
    course = make_course(modules=1)
    learners = [MemberFactory() for _ in range(4)]
    for learner in learners:
        completed_course(learner, course)
        client.force_login(learner)
        client.post(reverse("cpd:evaluate_course", args=[course.pk]), {**ANSWERS, "will_do_differently": "Secret"})
    client.force_login(course_trainer(course))

    page = client.get(reverse("cpd:results")).content.decode()

    assert "fewer than 5" in page
    assert "+2.0" not in page and "Secret" not in page


def test_only_a_learner_who_completed_or_attended_may_evaluate(client):
    course = make_course(modules=1)
    workshop = attended_workshop([MemberFactory()])
    outsider = MemberFactory()
    client.force_login(outsider)

    assert client.get(reverse("cpd:evaluate_course", args=[course.pk])).status_code == 404
    assert client.post(reverse("cpd:evaluate_course", args=[course.pk]), ANSWERS).status_code == 404
    assert client.post(reverse("cpd:evaluate_workshop", args=[workshop.pk]), ANSWERS).status_code == 404
    assert not Evaluation.objects.exists()


def test_a_second_submission_replaces_the_first(client):
    member = MemberFactory()
    course = completed_course(member)
    client.force_login(member)

    client.post(reverse("cpd:evaluate_course", args=[course.pk]), ANSWERS)
    client.post(reverse("cpd:evaluate_course", args=[course.pk]), {"before_0": "3", "after_0": "3"})

    evaluation = Evaluation.objects.get()
    assert evaluation.usefulness is None
    assert [(r.position, r.before, r.after) for r in evaluation.ratings.all()] == [(0, 3, 3)]


def test_an_empty_or_out_of_range_evaluation_is_refused_with_a_message(client):
    member = MemberFactory()
    course = completed_course(member)
    client.force_login(member)

    empty = client.post(reverse("cpd:evaluate_course", args=[course.pk]), {})
    assert empty.status_code == 400 and "Answer at least one question" in empty.content.decode()
    wrong = client.post(reverse("cpd:evaluate_course", args=[course.pk]), {"usefulness": "9"})
    assert wrong.status_code == 400 and "Select a valid choice" in wrong.content.decode()
    assert not Evaluation.objects.exists()


def test_a_workshop_attendee_evaluates_and_its_trainer_sees_it_and_another_trainer_does_not(client):
    attendees = [MemberFactory(region="north_west") for _ in range(5)]
    workshop = attended_workshop(attendees, title="Manchester workshop")
    trainer = MemberFactory(role=Role.TRAINER)
    workshop.trainers.add(trainer)
    for attendee in attendees:
        target = evaluation_target(member=attendee, workshop_id=workshop.pk)
        assert target is not None
        evaluation_submit(
            member=attendee, target=target, confidence=[Confidence(1, 3)], usefulness=4, will_do_differently=""
        )

    mine = evaluation_aggregate(viewer=trainer, by="workshop")
    assert [(row.group, row.responses, row.change) for row in mine.outcomes] == [("Manchester workshop", 5, 2.0)]
    assert mine.usefulness_average == 4.0
    by_region = evaluation_aggregate(viewer=trainer, by="region")
    assert [row.group for row in by_region.outcomes] == ["North West"]

    other = evaluation_aggregate(viewer=MemberFactory(role=Role.TRAINER), by="workshop")
    assert other.outcomes == [] and other.evaluations == 0


def test_a_learner_cannot_open_the_results_and_staff_find_them_on_the_dashboard(client):
    client.force_login(MemberFactory())
    assert client.get(reverse("cpd:results")).status_code == 404
    assert reverse("cpd:results") not in client.get(reverse("accounts:dashboard")).content.decode()

    client.force_login(MemberFactory(role=Role.TRAINER))
    assert reverse("cpd:results") in client.get(reverse("accounts:dashboard")).content.decode()


def test_evaluations_are_in_the_data_download_and_erased_with_the_account():
    member = MemberFactory()
    course = completed_course(member, title="Supporting children of prisoners")
    target = evaluation_target(member=member, course_id=course.pk)
    assert target is not None
    evaluation_submit(
        member=member, target=target, confidence=[Confidence(2, 4)], usefulness=3, will_do_differently="x"
    )

    [exported] = member_export_data(member=member)["evaluations"]
    assert exported["course"] == "Supporting children of prisoners"
    assert exported["confidence"] == [{"outcome": "Know the figures", "before": 2, "after": 4}]

    member_erase(member=member, actor=member)
    assert not Evaluation.objects.exists()


def evaluated_by(count: int, course):
    learners = [MemberFactory(sector="health") for _ in range(count)]
    for learner in learners:
        completed_course(learner, course)
        target = evaluation_target(member=learner, course_id=course.pk)
        assert target is not None
        evaluation_submit(
            member=learner,
            target=target,
            confidence=[Confidence(2, 4), Confidence(1, 5)],
            usefulness=5,
            will_do_differently="More",
        )


@pytest.mark.parametrize("by", ["course", "workshop", "sector", "region"])
def test_the_aggregate_takes_the_same_queries_for_ten_and_a_thousand_members(by, django_assert_num_queries):
    course = make_course(modules=1)
    administrator = MemberFactory(role=Role.ADMINISTRATOR)
    evaluated_by(10, course)
    # the count, the outcome rows, the usefulness counts, the free text (the role is read once, cached);
    # grouped by workshop there are none (these are course evaluations), and under five the text is not read
    queries = 3 if by == "workshop" else 4
    evaluation_aggregate(viewer=administrator, by=by)
    with django_assert_num_queries(queries):
        evaluation_aggregate(viewer=administrator, by=by)
    another = make_course(modules=1, title="Another")
    evaluated_by(10, another)
    evaluated_in_bulk(990, like=Evaluation.objects.filter(course=another).first())
    with django_assert_num_queries(queries):
        many = evaluation_aggregate(viewer=administrator, by=by)
    if by == "course":
        assert [row.responses for row in many.outcomes] == [1000, 1000, 10, 10]


def evaluated_in_bulk(count: int, *, like: Evaluation) -> None:
    """`count` more evaluations answered as `like` was, by new members, in three INSERTs (the
    services' way, as evaluated_by goes, takes too long for a thousand)."""
    members = User.objects.bulk_create(
        User(email=f"bulk-evaluator{n}@example.org", full_name=f"Evaluator {n}", sector="health") for n in range(count)
    )
    evaluations = Evaluation.objects.bulk_create(
        Evaluation(member=member, course_id=like.course_id, sector="health", usefulness=like.usefulness)
        for member in members
    )
    ratings = list(like.ratings.all())
    OutcomeRating.objects.bulk_create(
        OutcomeRating(evaluation=evaluation, position=r.position, outcome=r.outcome, before=r.before, after=r.after)
        for evaluation in evaluations
        for r in ratings
    )


def test_the_results_page_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    course = make_course(modules=1)
    trainer = course_trainer(course)
    evaluated_by(6, course)
    client.force_login(trainer)
    client.get(reverse("cpd:results"))
    # session, member, the role (groups), the filters' courses and workshops (2), the trainer's
    # scope inside the aggregate's four, the CMS user bar's profile and permissions
    with django_assert_num_queries(12) as first:
        client.get(reverse("cpd:results"))
    evaluated_by(30, course)
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(reverse("cpd:results")).status_code == 200


def test_the_certificate_email_invites_an_evaluation():
    member = MemberFactory()
    course = completed_course(member)
    certificate = certificate_issue(achievement=course_achievement(member, course))
    assert certificate is not None and certificate.kind == Certificate.Kind.COURSE
    certificate.pdf.save("certificate.pdf", ContentFile(b"%PDF-1.7 stand-in"))

    message = certificate_email_message(certificate=certificate)

    assert reverse("cpd:evaluate_course", args=[course.pk]) in message.body
    assert not mail.outbox


def test_the_course_page_invites_a_learner_who_completed_it_and_no_one_else(client):
    member = MemberFactory()
    course = completed_course(member)
    evaluate = reverse("cpd:evaluate_course", args=[course.pk])
    client.force_login(member)
    assert evaluate in client.get(course.url).content.decode()

    client.force_login(MemberFactory())
    assert evaluate not in client.get(course.url).content.decode()


def test_a_lone_small_usefulness_rating_hides_the_next_and_the_average(client):
    # One "5" hidden beside six "2"s and the total would give itself away: the six go too, and the average.
    course = make_course(modules=1)
    learners = [MemberFactory() for _ in range(7)]
    for number, learner in enumerate(learners):
        completed_course(learner, course)
        client.force_login(learner)
        client.post(reverse("cpd:evaluate_course", args=[course.pk]), {**ANSWERS, "usefulness": "2" if number else "5"})

    aggregate = evaluation_aggregate(viewer=course_trainer(course), course_id=course.pk)

    assert dict(aggregate.usefulness) == {1: 0, 2: None, 3: 0, 4: 0, 5: None}
    assert aggregate.usefulness_average is None
