"""Run inside an embedded site's own settings (see tests/embedded.py):
`python -m tests.embedded_setup <command> '<json arguments>'` prints JSON."""

import io
import json
import sys
from typing import Any


def course_and_learners(*, learners: int, modules: int, enrol: bool) -> dict[str, Any]:
    """A small course built with the course factories (not the demo course, which
    changes with the content), and learners who can sign in with PASSWORD."""
    from django.conf import settings
    from django.test import Client

    from courses.services import enrolment_create
    from tests.accounts.factories import PASSWORD, MemberFactory
    from tests.courses.factories import make_course

    course = make_course(title="Supporting children with a parent in prison", modules=modules)
    members = [MemberFactory(email=f"learner{number}@example.org") for number in range(learners)]
    sessions = []
    for member in members:
        if enrol:
            enrolment_create(member=member, course=course)
        client = Client()
        client.force_login(member)
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return {
        "course_id": course.pk,
        "course_url": course.url,
        "course_title": course.title,
        "module_ids": list(course.get_children().order_by("path").values_list("pk", flat=True)),
        "password": PASSWORD,
        "learners": [{"email": m.email, "session": s} for m, s in zip(members, sessions, strict=True)],
    }


def demo_course_and_learners(*, learners: int) -> dict[str, Any]:
    """The demo content (`seed_demo`, as `make run` loads it) and learners enrolled on
    the demo course who have done all of it but its last required module: each has
    passed the facts-and-figures check (with one answer wrong, as the demo's own
    colleague does) and finished the other modules, so the browser finishes the course."""
    from django.core.management import call_command

    from courses.models import CoursePage, ModulePage
    from courses.services import enrolment_create, module_complete
    from demo.course_content import COURSE
    from demo.showcase import demo_attempt_seed
    from tests.accounts.factories import PASSWORD, MemberFactory

    call_command("seed_demo", allow_production=True, verbosity=0, stdout=io.StringIO())  # stdout is our JSON
    course = CoursePage.objects.get(slug=COURSE["slug"])
    required = list(ModulePage.objects.child_of(course).live().filter(required=True).order_by("path"))
    *before_last, last = required
    members = [MemberFactory(email=f"learner{number}@example.org") for number in range(learners)]
    for member in members:
        enrolment_create(member=member, course=course)
        demo_attempt_seed(course=course, member=member)  # passing it completes the facts module
        for module in before_last:
            module_complete(member=member, module=module)
    return {
        "course_title": course.title,
        "last_module_url": last.url,
        "password": PASSWORD,
        "learners": [{"email": m.email} for m in members],
    }


def enews_issue_sent_to_members(*, members: int) -> dict[str, Any]:
    """An e-news issue an administrator has just sent (its fan-out is in the broker for the
    worker), to members who asked for the e-news, and one member who did not."""
    from django.utils import timezone

    from accounts.models import User
    from enews.services import enews_schedule
    from tests.accounts.factories import MemberFactory
    from tests.enews.factories import make_issue

    # Made in one INSERT: these readers never sign in, and hashing 300 passwords would be most of the test.
    readers = User.objects.bulk_create(
        User(email=f"reader{number}@example.org", full_name=f"Reader {number}", enews_consent_at=timezone.now())
        for number in range(members)
    )
    MemberFactory(email="no-enews@example.org")
    administrator = MemberFactory(email="editor@example.org", is_superuser=True)
    issue = make_issue(title="The i-HOP e-news, December")
    enews_schedule(issue=issue, actor=administrator)
    return {"issue_title": issue.title, "readers": [reader.email for reader in readers]}


COMMANDS = {
    "course_and_learners": course_and_learners,
    "demo_course_and_learners": demo_course_and_learners,
    "enews_issue_sent_to_members": enews_issue_sent_to_members,
}


def main() -> None:
    import django

    django.setup()
    command, arguments = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(COMMANDS[command](**arguments)))


if __name__ == "__main__":
    main()
