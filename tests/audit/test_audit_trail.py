"""The audit trail: each staff action that changes someone else's record writes who, what,
when and why in the same transaction, and administrators see it in the Wagtail admin."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.choices import Role
from accounts.models import User
from accounts.services import member_erase, member_set_role
from audit.models import AuditEntry
from audit.services import audit_record
from audit.templatetags.audit_tags import audit_trail_url_for
from certificates.models import Certificate
from certificates.services import (
    Achievement,
    CertificateError,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
)
from tests.accounts.factories import MemberFactory
from tests.workshops.factories import make_workshop
from workshops.models import Booking
from workshops.services import register_record, workshop_cancel

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator() -> User:
    return MemberFactory(role=Role.ADMINISTRATOR, full_name="Ada Admin")


@pytest.fixture
def certificate() -> Certificate:
    member = MemberFactory(full_name="Morgan Price")
    issued = certificate_issue(
        achievement=Achievement(
            member_id=member.pk,
            kind=Certificate.Kind.WORKSHOP,
            achievement_id=7,
            title="Leeds workshop",
            course_title="Supporting children of prisoners",
            cpd_hours=Decimal("3.0"),
            achieved_on=date(2026, 5, 2),
        )
    )
    assert issued is not None
    return issued


def only_entry(action: str) -> AuditEntry:
    # Factories give staff their roles through member_set_role, which writes its own rows.
    (entry,) = AuditEntry.objects.filter(action=action)
    return entry


def test_revoking_a_certificate_records_who_and_why(certificate, administrator):
    certificate_revoke(certificate_id=certificate.pk, reason="Completed on a shared account", actor=administrator)

    entry = only_entry("certificate_revoked")
    assert (entry.action, entry.actor, entry.actor_label) == ("certificate_revoked", administrator, "Ada Admin")
    assert entry.target_id == str(certificate.pk) and entry.reason == "Completed on a shared account"


def test_a_refused_revocation_records_nothing(certificate, administrator):
    with pytest.raises(CertificateError):
        certificate_revoke(certificate_id=certificate.pk, reason="  ", actor=administrator)
    assert not AuditEntry.objects.filter(action="certificate_revoked").exists()


def test_reissuing_a_certificate_records_the_replacement(certificate, administrator):
    new = certificate_reissue(certificate_id=certificate.pk, name_printed="Morgan Price-Jones", actor=administrator)

    entry = only_entry("certificate_reissued")
    assert (entry.action, entry.target_id, entry.actor) == ("certificate_reissued", str(certificate.pk), administrator)
    assert entry.changes == {"status": "superseded", "replaced_by": new.code_display}


def test_marking_attendance_records_the_register_without_names():
    workshop = make_workshop(capacity=5, starts_in=-timedelta(days=8))
    trainer = MemberFactory(role=Role.TRAINER, full_name="Tess Trainer")
    booking = Booking.objects.create(
        member=MemberFactory(full_name="Sam Attendee"), workshop=workshop, status="confirmed"
    )
    session = workshop.sessions.get()

    register_record(workshop_id=workshop.pk, session_id=session.pk, marks={booking.pk: True}, by=trainer)

    entry = only_entry("attendance_marked")
    assert (entry.action, entry.actor_label, entry.target_id) == ("attendance_marked", "Tess Trainer", str(workshop.pk))
    assert entry.changes == {"session": session.pk, "attended": {str(booking.pk): True}}
    assert "Sam" not in str(entry.changes)


def test_cancelling_a_workshop_records_the_reason():
    workshop = make_workshop(capacity=5)
    trainer = MemberFactory(role=Role.TRAINER)
    Booking.objects.create(member=MemberFactory(), workshop=workshop, status="confirmed")

    workshop_cancel(workshop_id=workshop.pk, reason="The venue flooded", actor=trainer)

    entry = only_entry("workshop_cancelled")
    assert (entry.action, entry.actor, entry.reason) == ("workshop_cancelled", trainer, "The venue flooded")
    assert entry.changes == {"bookings_cancelled": 1}


def test_changing_a_role_records_before_and_after_and_setting_the_same_role_records_nothing(administrator):
    member = MemberFactory()

    member_set_role(member=member, role=Role.TRAINER, actor=administrator)
    member_set_role(member=member, role=Role.TRAINER, actor=administrator)

    entry = AuditEntry.objects.get(action="role_changed", target_id=str(member.pk))
    assert (entry.action, entry.actor, entry.target_id) == ("role_changed", administrator, str(member.pk))
    assert entry.changes == {"role": ["learner", "trainer"]}


def test_an_erased_member_leaves_the_row_with_their_id_and_no_name(administrator):
    member = MemberFactory(full_name="Erin Erased", email="erin@example.org")
    member_set_role(member=member, role=Role.TRAINER, actor=administrator)
    member_id = member.pk

    member_erase(member=member, actor=member)

    assert not User.objects.filter(pk=member_id).exists()
    erased = AuditEntry.objects.get(action="member_erased")
    assert erased.target_id == str(member_id) and erased.actor is None
    assert erased.target_label == erased.actor_label == f"Member #{member_id} (erased)"
    role_row = AuditEntry.objects.get(action="role_changed", target_id=str(member_id))
    assert role_row.target_label == f"Member #{member_id} (erased)" and role_row.actor == administrator
    assert not AuditEntry.objects.filter(target_label__contains="Erin").exists()


@pytest.mark.django_db(transaction=True)  # a real transaction boundary, not the test's wrapping one
def test_an_entry_is_written_in_the_change_s_transaction_or_not_at_all(certificate):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit_record(actor=None, action=AuditEntry.Action.CERTIFICATE_REVOKED, target=certificate)

    with pytest.raises(ZeroDivisionError), transaction.atomic():
        audit_record(actor=None, action=AuditEntry.Action.CERTIFICATE_REVOKED, target=certificate)
        1 / 0  # noqa: B018 - the change fails after the entry was written
    assert not AuditEntry.objects.filter(action="certificate_revoked").exists()


def test_administrators_see_the_trail_of_an_object_from_its_admin_listing(client, certificate, administrator):
    certificate_revoke(certificate_id=certificate.pk, reason="Shared <b>account</b>", actor=administrator)
    workshop = make_workshop(capacity=5, title="Leeds workshop")
    workshop_cancel(workshop_id=workshop.pk, reason="Venue closed", actor=administrator)
    client.force_login(administrator)

    certificates = client.get(reverse("certificates_admin:list")).content.decode()
    workshops = client.get(reverse("wagtailsnippets_workshops_workshop:list")).content.decode()
    users = client.get(reverse("wagtailusers_users:index")).content.decode()

    assert audit_trail_url_for(certificate).replace("&", "&amp;") in certificates
    assert audit_trail_url_for(workshop).replace("&", "&amp;") in workshops
    assert audit_trail_url_for(certificate.member).replace("&", "&amp;") in users
    trail = client.get(audit_trail_url_for(certificate)).content.decode()
    assert "Certificate revoked" in trail and "Ada Admin" in trail
    assert "Shared &lt;b&gt;account&lt;/b&gt;" in trail
    assert "Venue closed" not in trail  # another object's entry
    everything = client.get(reverse("audit_admin:trail")).content.decode()
    assert "Venue closed" in everything and "Workshop cancelled" in everything


def test_trainers_and_learners_do_not_see_the_trail(client, certificate):
    for person in (MemberFactory(role=Role.TRAINER), certificate.member):
        client.force_login(person)
        response = client.get(reverse("audit_admin:trail"))
        assert response.status_code in {302, 404}
        assert b"Audit trail" not in response.content or response.status_code == 302


def test_a_role_changed_in_the_wagtail_user_form_is_recorded_with_the_administrator(client, administrator):
    from django.contrib.auth.models import Group

    from accounts.forms import WagtailMemberEditForm
    from accounts.roles import ROLE_GROUPS

    member = MemberFactory(full_name="Sam Learner")
    form = WagtailMemberEditForm(instance=member, editing_self=False)
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["groups"] = [Group.objects.get(name=ROLE_GROUPS[Role.TRAINER]).pk]
    data["is_active"] = "on"
    client.force_login(administrator)

    response = client.post(reverse("wagtailusers_users:edit", args=[member.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="role_changed", target_id=str(member.pk))
    assert (entry.actor, entry.changes) == (administrator, {"role": ["learner", "trainer"]})
