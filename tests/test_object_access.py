"""Walks every URL that names an object (ours and Wagtail's admin), so a new
one cannot slip through without someone deciding who may act on it.

Each route with a parameter is classified below (first matching pattern):

- a *scenario*: the walker builds the object with an owner (the trainer who
  runs the workshop or course, the learner whose attempt or booking it is)
  and opens the URL as the owner (must get in), as a learner who is not the
  owner and as a trainer who is not the owner (both must be refused, and a
  POST by them must change nothing);
- *shared*: Wagtail content with no owner (images, documents, snippets such
  as quizzes and resources, users, sites...), decided by Wagtail's model and
  collection permissions: the walker checks that a learner is refused;
- *elsewhere*: a member-facing URL whose owner checks have their own tests
  (named), or a public one.

A route that matches nothing fails the walk.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.choices import Role
from tests.accounts.factories import MemberFactory

# (pattern over the route, classification, note). Scenario names are keys of SCENARIOS.
CLASSIFIED: list[tuple[str, str, str]] = [
    (r"^/cms/snippets/(choose/)?workshops/workshop/", "scenario:workshop", "the workshop's trainers"),
    (r"^/workshops/<int:workshop_id>/(manage|bookings\.csv|message|cancel|sessions)", "scenario:workshop", ""),
    (r"^/workshops/booking/", "scenario:booking", "the member who booked"),
    (r"^/quizzes/attempt/", "scenario:attempt", "the learner; the course's trainers read it"),
    (r"^/quizzes/answer/<int:response_id>/mark/", "scenario:essay_mark", "the course's trainers"),
    (r"^/reports/courses/<int:course_id>/", "scenario:course_report", "the course's trainers"),
    (r"^/reports/figures/", "elsewhere", "aggregates for administrators and commissioners: tests/reports/"),
    (r"^/cms/pages/<int:page_id>/convert_alias/", "shared", "aliases only (none in courses); Wagtail's can_edit"),
    (r"^/cms/pages/<int:page_id>/workflow_history/detail/", "shared", "a workflow state; Wagtail's can_edit"),
    (r"^/cms/pages/workflow/", "shared", "moderation tasks: the approving group's members (Wagtail)"),
    (r"^/cms/pages/(<int:(page_id|parent_page_id|page_to_move_id)>)/", "scenario:course_page", "the course's trainers"),
    (r"^/cms/pages/add/<slug:content_type_app_name>/", "scenario:course_page", "adding under a course"),
    (r"^/cms/pages/(usage|create)/", "shared", "page types, not pages"),
    (r"^/cms/enews/", "elsewhere", "administrators' e-news sending: tests/enews/test_views.py"),
    (r"^/cms/", "shared", "Wagtail's own model and collection permissions; no member owns these"),
    (r"^/workshops/<int:workshop_id>/(book/)?$", "elsewhere", "public page; booking is for any member"),
    (r"^/quizzes/quiz/<int:quiz_id>/analysis", "elsewhere", "any trainer, data of courses they run only"),
    (r"^/quizzes/module/", "elsewhere", "enrolled members: tests/quizzes/test_views.py"),
    (r"^/learning/", "elsewhere", "enrolled members: tests/courses/test_learning.py"),
    (r"^/scorm/play/", "elsewhere", "enrolled members: tests/scorm/test_player.py"),
    (r"^/account/certificates/", "elsewhere", "the owner only: tests/certificates/test_learners.py"),
    (r"^/verify/", "elsewhere", "public verification by code"),
    (r"^/account/cpd/<int:entry_id>/", "elsewhere", "the owner only: tests/cpd/test_record.py"),
    (r"^/evaluation/(course|workshop)/", "elsewhere", "who completed or attended only: tests/cpd/test_evaluation.py"),
    # Arrived from main at the deadline: the team's own checks are in tests/quality/; a walker scenario is to come.
    (r"^/quality/", "elsewhere", "an assessment's team only: tests/quality/"),
    (r"^/account/\^", "elsewhere", "allauth's keyed links (the key is the secret)"),
    (r"^/e-news/unsubscribe/", "elsewhere", "a signed link; it only stops one member's e-news: tests/enews/"),
    (r"^/(documents|_util)/authenticate_with_password/", "elsewhere", "Wagtail's password-restriction form"),
]


def walk(patterns: list[Any], prefix: str = "") -> Any:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + str(entry.pattern)


def object_routes() -> list[str]:
    return sorted({route for route in walk(get_resolver().url_patterns) if "<" in route or "(?P" in route})


def classify(route: str) -> tuple[str, str] | None:
    for pattern, kind, note in CLASSIFIED:
        if re.search(pattern, route):
            return kind, note
    return None


def test_every_object_route_is_classified():
    unclassified = [route for route in object_routes() if classify(route) is None]
    assert unclassified == [], f"decide who may act on these and classify them in {__name__}: {unclassified}"


# --- scenarios -------------------------------------------------------------------------------------------------


@dataclass
class Scenario:
    owner: Any
    values: dict[str, Any]  # URL parameter values
    intact: Callable[[], bool] = field(default=lambda: True)  # nothing an outsider's POST could change, changed
    secret: str = ""  # text of the object an outsider's answer must not show (listings answer 200, empty)


def _workshop() -> Scenario:
    from tests.workshops.factories import make_workshop

    workshop = make_workshop()
    trainer = MemberFactory(role=Role.TRAINER)
    workshop.trainers.add(trainer)
    session = workshop.sessions.get()
    snapshot = (workshop.title, workshop.state, workshop.capacity)

    def intact() -> bool:
        workshop.refresh_from_db()
        return (workshop.title, workshop.state, workshop.capacity) == snapshot

    return Scenario(trainer, {"pk": workshop.pk, "workshop_id": workshop.pk, "session_id": session.pk}, intact)


def _booking() -> Scenario:
    from tests.workshops.factories import make_workshop
    from workshops.models import Booking
    from workshops.services import booking_create

    member = MemberFactory()
    booking = booking_create(member=member, workshop_id=make_workshop().pk)
    return Scenario(
        member, {"booking_id": booking.pk}, lambda: Booking.objects.get(pk=booking.pk).status == booking.status
    )


def _placed_quiz() -> tuple[Any, Any, Any]:
    from courses.services import enrolment_create
    from quizzes.attempts import attempt_start
    from tests.courses.factories import make_course
    from tests.quizzes.factories import make_quiz, module_with_quiz, question

    course = make_course(modules=0)
    essay = question("essay", stem="What helps?")
    quiz = make_quiz([essay], attempts_allowed=0)
    module = module_with_quiz(course, quiz)
    learner = MemberFactory()
    enrolment_create(member=learner, course=course)
    return course, learner, attempt_start(member=learner, quiz=quiz, module=module)


def _attempt() -> Scenario:
    from quizzes.models import Attempt

    _course, learner, attempt = _placed_quiz()
    return Scenario(
        learner, {"attempt_id": attempt.pk}, lambda: Attempt.objects.get(pk=attempt.pk).state == attempt.state
    )


def _essay_mark() -> Scenario:
    from quizzes.attempts import attempt_submit
    from quizzes.models import Response
    from tests.courses.factories import course_trainer

    course, learner, attempt = _placed_quiz()
    attempt_submit(attempt_id=attempt.pk, member=learner)
    response = attempt.responses.get()
    return Scenario(
        course_trainer(course),
        {"response_id": response.pk},
        lambda: Response.objects.get(pk=response.pk).needs_grading,
    )


def _course_page() -> Scenario:
    from courses.models import ModulePage
    from tests.courses.factories import course_trainer, make_course

    course = make_course(modules=1)
    module = course.get_children().first().specific
    module.title = "Module the walker keeps secret"
    module.save()
    revision = module.save_revision()
    return Scenario(
        course_trainer(course),
        {
            "page_id": module.pk,
            "parent_page_id": course.pk,
            "page_to_move_id": module.pk,
            "destination_id": course.pk,
            "revision_id": revision.pk,
            "content_type_app_name": "courses",
            "content_type_model_name": "modulepage",
        },
        lambda: ModulePage.objects.filter(pk=module.pk, live=True, title=module.title).exists(),
        secret=module.title,
    )


def _course_report() -> Scenario:
    from courses.services import enrolment_create
    from tests.courses.factories import course_trainer, make_course

    course = make_course(modules=1)
    learner = MemberFactory(full_name="Learner the walker keeps secret")
    enrolment = enrolment_create(member=learner, course=course)
    return Scenario(
        course_trainer(course),
        {"course_id": course.pk, "enrolment_id": enrolment.pk},
        lambda: course.enrolments.filter(pk=enrolment.pk, completed_at=None).exists(),
        secret=learner.full_name,
    )


SCENARIOS: dict[str, Callable[[], Scenario]] = {
    "workshop": _workshop,
    "booking": _booking,
    "attempt": _attempt,
    "essay_mark": _essay_mark,
    "course_page": _course_page,
    "course_report": _course_report,
}
SAMPLE = {"int": "1", "str": "1", "slug": "sample", "uuid": "00000000-0000-0000-0000-000000000000"}


def concrete(route: str, values: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        return str(values.get(name, SAMPLE.get(converter, "1")))

    return re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def denial_redirect(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(("/cms/login/", "/account/login/", "/cms/?"))


def refused(response: Any) -> bool:
    if response.status_code in {400, 403, 404, 405}:
        return True
    if response.status_code == 302:
        location = response["Location"]
        # Wagtail answers "permission denied" with a redirect to the admin's home; members' pages say why and
        # send the member back to the object's public page or their dashboard.
        return (
            location.startswith(("/cms/login/", "/account/login/"))
            or location in {"/cms/", "/account/"}
            or (location.startswith("/workshops/"))
        )
    return False


@pytest.mark.django_db
@pytest.mark.parametrize("scenario_name", sorted(SCENARIOS))
def test_each_object_url_lets_in_its_owner_and_refuses_other_learners_and_trainers(scenario_name):
    routes = [route for route in object_routes() if (classify(route) or ("", ""))[0] == f"scenario:{scenario_name}"]
    assert routes, scenario_name
    problems = []
    for route in routes:
        scenario = SCENARIOS[scenario_name]()
        url = concrete(route, scenario.values)
        owner = Client()
        owner.force_login(scenario.owner)
        response = owner.get(url)
        if response.status_code >= 500 or (
            response.status_code != 405 and refused(response) and response.status_code != 302
        ):
            problems.append(f"owner refused {url}: {response.status_code}")
        for outsider in (MemberFactory(), MemberFactory(role=Role.TRAINER)):
            client = Client()
            client.force_login(outsider)
            got = client.get(url)
            if got.status_code == 302 and not refused(got):  # e.g. revisions -> history: judge where it leads
                got = client.get(got["Location"])
            shows_nothing = got.status_code == 200 and scenario.secret and scenario.secret not in got.content.decode()
            if not (refused(got) or shows_nothing):
                problems.append(f"{outsider.role} who is not the owner got {got.status_code} from GET {url}")
            posted = client.post(url, {})
            # A POST may be answered with a redirect and a message; what counts is that nothing changed.
            if posted.status_code >= 500 or posted.status_code == 200 or not scenario.intact():
                problems.append(f"{outsider.role} who is not the owner changed something with POST {url}")
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
def test_a_learner_is_refused_every_shared_admin_url():
    learner = Client()
    learner.force_login(MemberFactory())
    let_in = []
    for route in object_routes():
        if classify(route) is not None and classify(route)[0] == "shared":  # type: ignore[index]
            response = learner.get(concrete(route, {}))
            if not refused(response):
                let_in.append(f"{route}: {response.status_code}")
    assert let_in == []
