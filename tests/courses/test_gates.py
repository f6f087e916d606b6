import pytest

from courses.gates import _gates, completion_gate_register
from courses.models import ModuleProgress
from courses.services import CourseError, enrolment_create, module_complete
from courses.signals import course_completed
from tests.accounts.factories import MemberFactory
from tests.courses.factories import add_module, make_course


@pytest.fixture
def isolated_gates():
    saved = dict(_gates)
    yield
    _gates.clear()
    _gates.update(saved)


@pytest.mark.django_db
def test_a_gate_that_objects_keeps_the_module_open_and_says_why(isolated_gates):
    course = make_course(modules=0)
    module = add_module(course, title="Arrest")
    member = MemberFactory()
    enrolment_create(member=member, course=course)
    completion_gate_register("test", lambda who, page: "Pass the knowledge check first." if page == module else None)

    with pytest.raises(CourseError, match=r"Pass the knowledge check first\."):
        module_complete(member=member, module=module)

    assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_course_completed_is_sent_once_after_commit(isolated_gates):
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
