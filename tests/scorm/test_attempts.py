"""Attempts: what a commit stores, which commits are ignored, and how a completed
package completes its module through the courses service."""

import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile

from courses.models import Enrolment, ModulePage, ModuleProgress
from courses.services import CourseError, enrolment_create, module_complete
from scorm.models import ScormAttempt, ScormPackage
from scorm.runtime import duration_seconds, sco_state
from scorm.selectors import scorm_placements
from scorm.services import AttemptError, attempt_commit, attempt_current, package_create, package_process
from tests.accounts.factories import MemberFactory
from tests.courses.factories import add_module, make_course, text_block
from tests.scorm.builders import package_12, package_2004


def ready_package(data: bytes) -> ScormPackage:
    package = package_create(upload=ContentFile(data, name="course.zip"))
    return package_process(package.pk)


def scorm_block(package: ScormPackage, **settings: Any) -> dict[str, Any]:
    value = {
        "package": package.pk,
        "attempts_allowed": 0,
        "new_attempt_after_completion": False,
        "mastery_score": None,
        "completion_rule": "completed",
        "required": True,
    }
    value.update(settings)
    return {"type": "scorm", "value": value, "id": str(uuid.uuid4())}


def setup(data: bytes, **settings: Any) -> tuple[Any, ModulePage, ScormPackage]:
    package = ready_package(data)
    course = make_course(modules=0)
    module = add_module(course, title="Court", body=[text_block("Before"), scorm_block(package, **settings)])
    member = MemberFactory()
    enrolment_create(member=member, course=course)
    return member, module, package


def commit(attempt: ScormAttempt, module: ModulePage, sequence: int, sco: str, cmi: dict, session: str = "s1") -> bool:
    (placement,) = scorm_placements(module)
    outcome = attempt_commit(
        attempt_id=attempt.pk,
        member=attempt.member,
        sequence=sequence,
        sco=sco,
        session=session,
        cmi=cmi,
        placement=placement,
    )
    return outcome.stored


def cmi_12(status: str, *, raw: str = "", location: str = "", session_time: str = "00:00:00") -> dict[str, Any]:
    return {
        "core": {
            "lesson_status": status,
            "lesson_location": location,
            "score": {"raw": raw, "min": "0", "max": "100"},
            "session_time": session_time,
        },
        "suspend_data": "x" * 4000,
    }


def test_durations_of_both_versions_are_read_and_nonsense_is_zero():
    assert duration_seconds("0001:02:03.50") == 3723
    assert duration_seconds("PT1H2M3.5S") == 3723
    assert duration_seconds("P1DT1S") == 86401
    assert duration_seconds("PT") == 0
    assert duration_seconds("<script>") == 0
    assert duration_seconds(None) == 0


def test_a_12_pass_and_a_2004_pair_reduce_to_the_same_state_and_mastery_overrides():
    assert sco_state(cmi_12("passed", raw="80"))["success"] == "passed"
    assert sco_state(cmi_12("passed", raw="80"))["score_scaled"] == Decimal("0.8")
    state_2004 = sco_state({"completion_status": "completed", "success_status": "unknown", "score": {"scaled": "0.5"}})
    assert (state_2004["completion"], state_2004["success"]) == ("completed", "unknown")
    assert sco_state({"completion_status": "completed", "score": {"scaled": "0.5"}}, Decimal(60))["success"] == "failed"
    assert sco_state({"completion_status": "completed", "score": {"scaled": "0.6"}}, Decimal(60))["success"] == "passed"


@pytest.mark.django_db
def test_the_package_holds_the_module_until_a_commit_completes_it_then_the_module_completes():
    member, module, _package = setup(package_12())
    with pytest.raises(CourseError, match="Complete “Supporting children at court”"):
        module_complete(member=member, module=module)

    attempt = attempt_current(member=member, module=module, placement=scorm_placements(module)[0])
    assert commit(attempt, module, 1, "i1", cmi_12("incomplete", location="page-3"))
    assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()

    assert commit(attempt, module, 2, "i1", cmi_12("passed", raw="90", location="end"))

    attempt.refresh_from_db()
    assert attempt.completed_at is not None
    assert (attempt.completion_status, attempt.success_status, attempt.score_raw) == ("completed", "passed", 90)
    assert attempt.location == "end"
    assert attempt.cmi["i1"]["cmi"]["suspend_data"] == "x" * 4000
    assert ModuleProgress.objects.get(module=module, enrolment__member=member).completed_at is not None
    assert Enrolment.objects.get(member=member).completed_at is not None  # its only module


@pytest.mark.django_db
def test_stale_and_repeated_commits_change_nothing():
    member, module, _ = setup(package_12())
    attempt = attempt_current(member=member, module=module, placement=scorm_placements(module)[0])
    assert commit(attempt, module, 5, "i1", cmi_12("incomplete", location="page-5"))

    assert not commit(attempt, module, 5, "i1", cmi_12("passed", location="repeated"))
    assert not commit(attempt, module, 4, "i1", cmi_12("passed", location="stale"))

    attempt.refresh_from_db()
    assert (attempt.location, attempt.completed_at, attempt.sequence) == ("page-5", None, 5)


@pytest.mark.django_db
def test_total_time_adds_sessions_and_replaces_the_time_of_a_session_committed_again():
    member, module, _ = setup(package_12())
    attempt = attempt_current(member=member, module=module, placement=scorm_placements(module)[0])
    commit(attempt, module, 1, "i1", cmi_12("incomplete", session_time="00:01:00"), session="first")
    commit(attempt, module, 2, "i1", cmi_12("incomplete", session_time="00:02:00"), session="first")
    commit(attempt, module, 3, "i1", cmi_12("incomplete", session_time="00:00:30"), session="second")

    attempt.refresh_from_db()
    assert attempt.total_seconds == 150


@pytest.mark.django_db
def test_another_learners_attempt_cannot_be_written():
    member, module, _ = setup(package_12())
    attempt = attempt_current(member=member, module=module, placement=scorm_placements(module)[0])
    intruder = MemberFactory()
    with pytest.raises(AttemptError):
        attempt_commit(
            attempt_id=attempt.pk,
            member=intruder,
            sequence=1,
            sco="i1",
            session="s",
            cmi=cmi_12("passed"),
            placement=scorm_placements(module)[0],
        )
    attempt.refresh_from_db()
    assert attempt.sequence == 0 and attempt.completed_at is None


@pytest.mark.django_db
def test_every_sco_of_a_multi_sco_package_must_meet_the_rule():
    member, module, _ = setup(package_2004(), completion_rule="passed")
    attempt = attempt_current(member=member, module=module, placement=scorm_placements(module)[0])
    done = {"completion_status": "completed", "success_status": "passed"}
    commit(attempt, module, 1, "a", done)
    commit(attempt, module, 2, "b", {"completion_status": "completed", "success_status": "unknown"})
    commit(attempt, module, 3, "c", done)
    attempt.refresh_from_db()
    assert attempt.completed_at is None  # "b" completed but did not pass

    commit(attempt, module, 4, "b", done)
    attempt.refresh_from_db()
    assert attempt.completed_at is not None


@pytest.mark.django_db
def test_attempts_allowed_and_a_new_attempt_after_completion():
    member, module, _ = setup(package_12(), attempts_allowed=2, new_attempt_after_completion=True)
    placement = scorm_placements(module)[0]
    first = attempt_current(member=member, module=module, placement=placement)
    assert attempt_current(member=member, module=module, placement=placement) == first  # not complete: same
    commit(first, module, 1, "i1", cmi_12("completed"))
    second = attempt_current(member=member, module=module, placement=placement)
    assert second.number == 2
    commit(second, module, 1, "i1", cmi_12("completed"))
    assert attempt_current(member=member, module=module, placement=placement) == second  # all used


@pytest.mark.django_db
def test_a_commit_takes_a_fixed_number_of_queries(django_assert_num_queries):
    member, module, _ = setup(package_2004())
    attempt = attempt_current(member=member, module=module, placement=scorm_placements(module)[0])
    interactions = {str(n): {"id": f"q{n}", "result": "correct", "learner_response": "a"} for n in range(30)}
    payload = {"completion_status": "incomplete", "suspend_data": "s" * 4096, "interactions": interactions}
    commit(attempt, module, 1, "a", payload)  # warm
    # savepoint, lock (with the package), update, release
    with django_assert_num_queries(4):
        commit(attempt, module, 2, "b", payload)
    with django_assert_num_queries(4):
        commit(attempt, module, 3, "c", payload)
