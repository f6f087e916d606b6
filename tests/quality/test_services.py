from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.services import member_erase
from quality.choices import ActionStatus, AssessmentStatus, Rating
from quality.models import Action, Invitation, StatementResponse, TeamMembership
from quality.selectors import (
    FORMER_MEMBER,
    assessment_report,
    overdue_actions_for_member,
    quality_personal_data,
    suggested_actions,
)
from quality.services import (
    AssessmentClosed,
    InvitationForSomeoneElse,
    InvitationInvalid,
    NotAllowed,
    QualityError,
    ResponseConflict,
    action_add_suggested,
    action_create,
    action_reminders_send_due,
    action_update,
    assessment_complete,
    assessment_start_next,
    invitation_accept,
    invitation_create,
    invitation_withdraw,
    response_save,
    token_hash,
)
from tests.accounts.factories import MemberFactory
from tests.quality.conftest import join

pytestmark = pytest.mark.django_db


def _token_from_last_email() -> str:
    return mail.outbox[-1].body.split("/quality/invitations/")[1].split("/")[0]


def _save(assessment, statement, member, *, rating, version, evidence="", items=()):
    return response_save(
        assessment=assessment,
        statement=statement,
        member=member,
        rating=rating,
        evidence=evidence,
        met_item_ids=list(items),
        expected_version=version,
    )


def test_starting_makes_the_member_owner_with_one_empty_answer_per_statement(assessment, owner, statements):
    assert TeamMembership.objects.get(assessment=assessment).member == owner
    assert assessment.responses.count() == len(statements) == 8
    assert assessment.status == AssessmentStatus.IN_PROGRESS


def test_an_invitation_is_emailed_with_a_token_stored_only_as_its_hash(
    assessment, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            assessment=assessment, invited_by=owner, email="Colleague@Example.org", role="contributor"
        )
    token = _token_from_last_email()
    assert mail.outbox[-1].to == ["Colleague@Example.org"]
    assert invitation.token_hash == token_hash(token) != token
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())


def test_only_the_invited_address_can_accept_and_only_once(assessment, owner, django_capture_on_commit_callbacks):
    invited = MemberFactory(email="colleague@example.org")
    forwarded_to = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(assessment=assessment, invited_by=owner, email="COLLEAGUE@example.org", role="viewer")
    token = _token_from_last_email()

    with pytest.raises(InvitationForSomeoneElse):
        invitation_accept(token=token, member=forwarded_to)
    assert invitation_accept(token=token, member=invited) == assessment
    assert TeamMembership.objects.get(assessment=assessment, member=invited).role == "viewer"
    assert Invitation.objects.get().email == ""  # the membership records who joined
    with pytest.raises(InvitationInvalid):
        invitation_accept(token=token, member=invited)
    assert not TeamMembership.objects.filter(member=forwarded_to).exists()


def test_a_withdrawn_or_expired_invitation_lets_nobody_in(assessment, owner, django_capture_on_commit_callbacks):
    invited = MemberFactory(email="late@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = invitation_create(assessment=assessment, invited_by=owner, email=invited.email, role="contributor")
    withdrawn_token = _token_from_last_email()
    invitation_withdraw(invitation=withdrawn, member=owner)
    with django_capture_on_commit_callbacks(execute=True):
        expired = invitation_create(assessment=assessment, invited_by=owner, email=invited.email, role="contributor")
    expired_token = _token_from_last_email()
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    for token in (withdrawn_token, expired_token, "a-guessed-token"):
        with pytest.raises(InvitationInvalid):
            invitation_accept(token=token, member=invited)
    assert not TeamMembership.objects.filter(member=invited).exists()


def test_contributors_and_viewers_cannot_invite_or_complete(assessment, owner):
    contributor, viewer = MemberFactory(), MemberFactory()
    join(assessment, owner, contributor)
    join(assessment, owner, viewer, role="viewer")
    for member in (contributor, viewer):
        with pytest.raises(NotAllowed):
            invitation_create(assessment=assessment, invited_by=member, email="x@example.org", role="owner")
        with pytest.raises(NotAllowed):
            assessment_complete(assessment=assessment, member=member)
    with pytest.raises(NotAllowed):
        _save(assessment, assessment_report(assessment=assessment).statements[0].statement, viewer, rating=2, version=0)


def test_two_contributors_saving_from_the_same_version_get_a_conflict_not_an_overwrite(assessment, owner, statements):
    colleague = MemberFactory(full_name="Cara Colleague")
    join(assessment, owner, colleague)
    awareness = statements[0]
    item = awareness.checklist_items.first()

    mine = _save(assessment, awareness, owner, rating=Rating.DEVELOPING, version=0, evidence="Two staff trained")
    assert mine.version == 1
    with pytest.raises(ResponseConflict) as conflict:
        _save(
            assessment, awareness, colleague, rating=Rating.EMBEDDED, version=0, evidence="All trained", items=[item.pk]
        )

    # The colleague is shown what is saved now, and nothing of theirs went in.
    assert conflict.value.current.rating == Rating.DEVELOPING
    assert conflict.value.current.updated_by == owner
    saved = StatementResponse.objects.get(assessment=assessment, statement=awareness)
    assert (saved.rating, saved.evidence, saved.version) == (Rating.DEVELOPING, "Two staff trained", 1)
    assert not saved.met_items.exists()

    # "Keep mine": the colleague saves again against the version they were shown.
    kept = _save(
        assessment, awareness, colleague, rating=Rating.EMBEDDED, version=1, evidence="All trained", items=[item.pk]
    )
    assert (kept.rating, kept.version, kept.updated_by) == (Rating.EMBEDDED, 2, colleague)
    assert list(kept.met_items.all()) == [item]


def test_a_stale_save_identical_to_what_is_saved_is_not_a_conflict(assessment, owner, statements):
    _save(assessment, statements[1], owner, rating=3, version=0, evidence="Asked at intake")
    again = _save(assessment, statements[1], owner, rating=3, version=0, evidence="Asked at intake")
    assert again.version == 1


def test_checklist_items_of_another_statement_are_ignored(assessment, owner, statements):
    other_item = statements[2].checklist_items.first()
    saved = _save(assessment, statements[0], owner, rating=1, version=0, items=[other_item.pk])
    assert not saved.met_items.exists()


def test_suggested_actions_are_the_unmet_checklist_items_not_yet_planned(assessment, owner, statements):
    first, second = statements[0].checklist_items.all()[:2]
    _save(assessment, statements[0], owner, rating=2, version=0, items=[first.pk])
    action = action_add_suggested(assessment=assessment, member=owner, item=second)
    assert action.title == second.action_text and action.statement == statements[0]
    assert action_add_suggested(assessment=assessment, member=owner, item=second) == action  # once only

    suggested = {item for _, item in suggested_actions(report=assessment_report(assessment=assessment))}
    assert first not in suggested and second not in suggested
    total_items = sum(statement.checklist_items.count() for statement in statements)
    assert len(suggested) == total_items - 2


def test_an_action_owner_must_be_on_the_team(assessment, owner):
    outsider = MemberFactory()
    with pytest.raises(QualityError):
        action_create(assessment=assessment, member=owner, title="Train staff", owner=outsider)
    assert not Action.objects.exists()


def test_overdue_actions_show_for_their_owner_only_while_open(assessment, owner):
    today = timezone.localdate()
    late = action_create(
        assessment=assessment, member=owner, title="Late one", owner=owner, due_on=today - timedelta(days=1)
    )
    action_create(assessment=assessment, member=owner, title="Not yet due", owner=owner, due_on=today)
    done = action_create(
        assessment=assessment, member=owner, title="Done", owner=owner, due_on=today - timedelta(days=3)
    )
    done.status = ActionStatus.DONE
    done.save()
    assert overdue_actions_for_member(member=owner) == [late]
    assert overdue_actions_for_member(member=MemberFactory()) == []


def test_a_reminder_is_sent_once_to_the_owner_before_the_due_date(
    assessment, owner, settings, django_capture_on_commit_callbacks
):
    settings.QUALITY_REMINDER_DAYS_BEFORE = 3
    today = timezone.localdate()
    soon = action_create(
        assessment=assessment,
        member=owner,
        title="Ask about children at intake",
        owner=owner,
        due_on=today + timedelta(days=2),
        remind_before_due=True,
    )
    action_create(
        assessment=assessment,
        member=owner,
        title="Later",
        owner=owner,
        due_on=today + timedelta(days=10),
        remind_before_due=True,
    )
    action_create(
        assessment=assessment, member=owner, title="No reminder asked", owner=owner, due_on=today + timedelta(days=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send_due(today=today) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send_due(today=today) == 0
    [reminder] = mail.outbox
    assert reminder.to == [owner.email]
    assert "Ask about children at intake" in reminder.body
    assert f"/quality/assessments/{assessment.pk}/actions/{soon.pk}/" in reminder.body

    # Moving the due date re-arms it.
    action_update(
        action=soon,
        member=owner,
        title=soon.title,
        owner=owner,
        due_on=today + timedelta(days=1),
        status=ActionStatus.TO_DO,
        remind_before_due=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send_due(today=today) == 1


def test_a_completed_assessment_is_read_only_and_the_next_one_starts_from_it(assessment, owner, statements):
    colleague = MemberFactory()
    join(assessment, owner, colleague)
    _save(assessment, statements[0], owner, rating=Rating.DEVELOPING, version=0, evidence="Some training")
    open_action = action_create(assessment=assessment, member=owner, title="Train everyone", owner=colleague)
    finished = action_create(assessment=assessment, member=owner, title="Buy story books")
    finished.status = ActionStatus.DONE
    finished.save()
    assessment_complete(assessment=assessment, member=owner)

    with pytest.raises(AssessmentClosed):
        _save(assessment, statements[0], owner, rating=Rating.EMBEDDED, version=1)
    with pytest.raises(AssessmentClosed):
        action_create(assessment=assessment, member=owner, title="Too late")

    follow_up = assessment_start_next(assessment=assessment, member=owner)
    assert assessment_start_next(assessment=assessment, member=owner) == follow_up
    assert follow_up.previous == assessment and follow_up.is_open
    assert set(follow_up.memberships.values_list("member", "role")) == set(
        assessment.memberships.values_list("member", "role")
    )
    assert [action.title for action in follow_up.actions.all()] == [open_action.title]

    _save(follow_up, statements[0], colleague, rating=Rating.ESTABLISHED, version=0, evidence="All trained")
    [awareness] = [e for e in assessment_report(assessment=follow_up).statements if e.statement == statements[0]]
    assert (awareness.previous_label, awareness.rating_label, awareness.change) == ("Developing", "Established", 1)


def test_erasing_a_member_keeps_the_assessment_and_anonymises_them(assessment, owner, statements):
    colleague = MemberFactory(full_name="Erin Erased")
    join(assessment, owner, colleague)
    _save(assessment, statements[0], colleague, rating=Rating.DEVELOPING, version=0, evidence="Our notes")
    action_create(assessment=assessment, member=colleague, title="Erin's action", owner=colleague)

    exported = quality_personal_data(colleague)
    assert exported["answers_last_saved_by_you"][0]["evidence"] == "Our notes"
    assert exported["actions"][0]["title"] == "Erin's action"
    assert exported["teams"][0]["team"] == "Pastoral team"

    member_erase(member=colleague)

    report = assessment_report(assessment=assessment)
    assert report.statements[0].response.evidence == "Our notes"
    assert report.statements[0].updated_by_name == FORMER_MEMBER
    assert [a.title for a in report.actions] == ["Erin's action"] and report.actions[0].owner is None
    assert [m.member for m in report.team] == [owner]
    assert "Erin Erased" not in str(list(Invitation.objects.values()))


def test_a_members_form_post_overtaking_their_own_autosave_is_not_a_conflict(assessment, owner, statements):
    _save(assessment, statements[3], owner, rating=2, version=0)  # the autosave of the rating
    saved = _save(assessment, statements[3], owner, rating=2, version=0, evidence="And the notes")  # the form post
    assert (saved.version, saved.evidence) == (2, "And the notes")
