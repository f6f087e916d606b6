"""A member's data: the download covers every model that points at a member,
and erasure gives up their workshop places by the booking rules."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile

from accounts.personal_data import personal_data_coverage
from accounts.selectors import member_export_data
from accounts.services import member_erase
from scorm.models import ScormAttempt
from scorm.services import package_create, package_process
from tests.accounts.factories import MemberFactory
from tests.courses.factories import make_course
from tests.scorm.builders import package_12
from tests.workshops.factories import make_workshop
from workshops.models import Booking
from workshops.services import booking_create


@pytest.mark.django_db
def test_every_model_that_points_at_a_member_is_exported_or_excluded_with_a_reason():
    exported, excluded = personal_data_coverage()
    member_model = get_user_model()
    pointing = set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is member_model:
                # An inherited field (a page's owner) is named by the model that declares it.
                pointing.add(field.model._meta.label)

    unaccounted = sorted(pointing - set(exported) - set(excluded))
    assert unaccounted == [], f"export these in a section, or register why not: {unaccounted}"
    assert sorted((set(exported) | set(excluded)) - pointing) == [], "stale entries name models that do not point here"
    assert all(len(reason) > 20 for reason in excluded.values())


@pytest.mark.django_db
def test_the_download_includes_scorm_attempts_with_what_the_package_stored():
    member = MemberFactory()
    package = package_process(package_create(upload=ContentFile(package_12(), name="course.zip")).pk)
    module = make_course(modules=1).get_children().specific().first()
    ScormAttempt.objects.create(
        member=member,
        package=package,
        module_id=module.pk,
        cmi={"i1": {"cmi.core.lesson_status": "completed", "cmi.suspend_data": "page=4"}},
        completion_status="completed",
    )

    [attempt] = member_export_data(member=member)["scorm"]

    assert attempt["completion_status"] == "completed"
    assert attempt["cmi"]["i1"]["cmi.suspend_data"] == "page=4"
    assert member_export_data(member=MemberFactory())["scorm"] == []


@pytest.mark.django_db(transaction=True)
def test_erasure_gives_up_the_members_places_and_the_waiting_list_moves_up_in_order():
    workshop = make_workshop(capacity=2)
    leaving, staying = MemberFactory.create_batch(2)
    first, second, third = MemberFactory.create_batch(3)
    for member in (leaving, staying, first, second, third):
        booking_create(member=member, workshop_id=workshop.pk)
    other = make_workshop(capacity=1, title="Other workshop")
    booking_create(member=MemberFactory(), workshop_id=other.pk)
    booking_create(member=leaving, workshop_id=other.pk)  # waitlisted there: simply removed
    mail.outbox.clear()

    member_erase(member=leaving)

    statuses = dict(Booking.objects.filter(workshop=workshop).values_list("member_id", "status"))
    assert statuses == {staying.pk: "confirmed", first.pk: "confirmed", second.pk: "waitlisted", third.pk: "waitlisted"}
    assert Booking.objects.get(member=first, workshop=workshop).promoted_at is not None
    assert not Booking.objects.filter(member_id=leaving.pk).exists()
    # The first in the queue is told, the erased member is not emailed about their own erasure.
    assert [m.to for m in mail.outbox] == [[first.email]]
    assert mail.outbox[0].subject.startswith("A place came up")
    # A newcomer after the erasure queues behind those already waiting.
    newcomer = booking_create(member=MemberFactory(), workshop_id=workshop.pk)
    assert newcomer.status == "waitlisted"
