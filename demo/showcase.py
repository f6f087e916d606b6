"""The part of the demo that lets a newcomer try everything after `make run`:
the project's own SCORM lesson in a module, a workshop that starts soon (so the
register and the attendance certificate can be tried), one that is full with a
waiting list, one in the past with attendance taken (which gives the demo
learner a certificate), and a submitted quiz attempt for the trainer to review.

Bookings and attendance go through the workshop services. The past workshop is
the exception: no service books a workshop that has already happened, so its
bookings are written as the history they stand for, and its register is then
taken through `register_record` like any other.
"""

import io
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from certificates.services import Achievement, certificates_issue
from courses.models import CoursePage, ModulePage
from courses.services import enrolment_create
from demo.course_content import COURSE
from demo.knowledge_checks import MODULE_SLUG, QUIZ_TITLE
from demo.members import DEMO_LEARNER, DEMO_TRAINER
from quizzes.attempts import GivenAnswer, attempt_start, attempt_submit
from quizzes.models import Attempt, Quiz
from scorm.models import ScormPackage
from scorm.selectors import scorm_placements
from scorm.services import package_create, package_process
from workshops.models import Booking, Session, Workshop
from workshops.services import booking_create, register_record, workshop_saved

SCORM_SOURCE = Path(__file__).parent / "scorm" / "what-would-you-say"
SCORM_TITLE = "What would you say? Three moments with a child"
SCORM_MODULE = "talking-with-children"

SOON_TITLE = "Supporting children of prisoners: online taster (starts soon)"
FULL_TITLE = "Supporting children of prisoners: Bristol (full, waiting list open)"
PAST_TITLE = "Supporting children of prisoners: Birmingham (last month)"
SOON_MINUTES = 10
SUMMARY = (
    "A practical session for professionals: what children experience from arrest to release, how to start a "
    "conversation, and where families can find support."
)


def demo_scorm_zip() -> bytes:
    """The lesson's source folder as a zip, built the same way every time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(SCORM_SOURCE.iterdir()):
            archive.writestr(zipfile.ZipInfo(path.name, date_time=(2026, 1, 1, 0, 0, 0)), path.read_bytes())
    return buffer.getvalue()


def demo_scorm_seed(*, course: CoursePage) -> ScormPackage | None:
    """Import the lesson through the SCORM services (checked and extracted as any
    upload is) and place it, optional, in the "Talking with children" module."""
    module = ModulePage.objects.child_of(course).filter(slug=SCORM_MODULE).first()
    if module is None:
        return None
    package = ScormPackage.objects.filter(title=SCORM_TITLE, status=ScormPackage.Status.READY).first()
    if package is None:
        upload = File(io.BytesIO(demo_scorm_zip()), name="what-would-you-say.zip")
        package = package_process(package_create(upload=upload).pk)
        if package.status != ScormPackage.Status.READY:
            raise RuntimeError(f"The demo SCORM lesson was refused: {package.failure_reason}")
    if all(placement.package_id != package.pk for placement in scorm_placements(module)):
        block = {
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{module.slug}/scorm")),
            "type": "scorm",
            "value": {
                "package": package.pk,
                "attempts_allowed": 0,
                "new_attempt_after_completion": True,
                "mastery_score": None,
                "completion_rule": "completed",
                "required": False,
            },
        }
        module.body = [*module.body.raw_data, block]
        module.save_revision().publish()
    return package


def _workshop(*, title: str, course: CoursePage, trainer: User | None, starts: datetime, **fields: object) -> Workshop:
    workshop = Workshop.objects.create(
        course=course,
        title=title,
        summary=SUMMARY,
        audience_sectors=["education", "health", "social_care"],
        booking_opens_at=min(timezone.now(), starts) - timedelta(days=7),
        booking_closes_at=starts,
        cancellation_deadline=starts - timedelta(hours=1),
        cpd_hours=Decimal("1.0"),
        state=Workshop.State.PUBLISHED,
        **fields,
    )
    Session.objects.create(workshop=workshop, starts_at=starts, ends_at=starts + timedelta(hours=1), sort_order=0)
    if trainer:
        workshop.trainers.add(trainer)
    workshop_saved(workshop_id=workshop.pk)
    return workshop


def demo_soon_workshop_seed(*, course: CoursePage, trainer: User | None, attendees: list[User]) -> Workshop:
    """An online workshop starting a few minutes from now, with the learner booked.

    Kept current: while one has not yet ended, seeding again leaves it; once it
    has, a new one is made for the next run (the old one stays, with its register)."""
    now = timezone.now()
    current = Workshop.objects.filter(title=SOON_TITLE, sessions__ends_at__gt=now).first()
    if current is not None:
        return current
    workshop = _workshop(
        title=SOON_TITLE,
        course=course,
        trainer=trainer,
        starts=now.replace(second=0, microsecond=0) + timedelta(minutes=SOON_MINUTES),
        region="london",
        delivery=Workshop.Delivery.ONLINE,
        joining_link="https://meet.example.org/ihop-taster",
        capacity=20,
    )
    for member in attendees:
        booking_create(member=member, workshop_id=workshop.pk)
    return workshop


def demo_full_workshop_seed(*, course: CoursePage, trainer: User | None, attendees: list[User]) -> Workshop:
    """Two places, both taken, and one colleague on the waiting list."""
    workshop = Workshop.objects.filter(title=FULL_TITLE).first()
    if workshop is not None:
        return workshop
    first_day = timezone.localdate() + timedelta(weeks=4)
    workshop = _workshop(
        title=FULL_TITLE,
        course=course,
        trainer=trainer,
        starts=datetime.combine(first_day, time(10, 0), tzinfo=timezone.get_current_timezone()),
        region="south_west",
        venue_name="Bristol Central Library",
        venue_address="College Green\nBristol",
        venue_postcode="BS1 5TL",
        access_info="Step-free entrance on Deanery Road.",
        capacity=2,
    )
    for member in attendees:
        booking_create(member=member, workshop_id=workshop.pk)
    return workshop


def demo_past_workshop_seed(
    *, course: CoursePage, trainer: User | None, present: list[User], absent: list[User]
) -> Workshop:
    """A workshop held three weeks ago, its register taken by the trainer."""
    workshop = Workshop.objects.filter(title=PAST_TITLE).first()
    if workshop is not None:
        return workshop
    held = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) - timedelta(weeks=3)
    workshop = _workshop(
        title=PAST_TITLE,
        course=course,
        trainer=trainer,
        starts=held,
        region="west_midlands",
        venue_name="Birmingham Council House",
        venue_address="Victoria Square\nBirmingham",
        venue_postcode="B1 1BB",
        capacity=12,
    )
    bookings = {
        member.pk: Booking.objects.create(
            member=member, workshop=workshop, status=Booking.Status.CONFIRMED, confirmed_at=held - timedelta(days=10)
        )
        for member in [*present, *absent]
    }
    session = workshop.sessions.get()
    marks = {bookings[member.pk].pk: member in present for member in [*present, *absent]}
    if trainer is not None:
        register_record(workshop_id=workshop.pk, session_id=session.pk, marks=marks, by=trainer)
        # Issued here rather than left to the worker, so the learner's certificate is
        # there when seeding ends (the worker's task finds it and issues nothing twice).
        certificates_issue(
            achievements=[
                Achievement(
                    member_id=member.pk,
                    kind="workshop",
                    achievement_id=workshop.pk,
                    title=workshop.title,
                    course_title=course.title,
                    cpd_hours=workshop.cpd_hours,
                    achieved_on=timezone.localdate(held),
                )
                for member in present
            ]
        )
    return workshop


def demo_attempt_seed(*, course: CoursePage, member: User) -> Attempt | None:
    """A colleague's submitted attempt at the facts check, with one answer wrong,
    for the trainer (and the colleague) to review."""
    quiz = Quiz.objects.filter(title=QUIZ_TITLE).first()
    module = ModulePage.objects.child_of(course).filter(slug=MODULE_SLUG).first()
    if quiz is None or module is None:
        return None
    existing = Attempt.objects.filter(member=member, quiz=quiz).first()
    if existing is not None:
        return existing
    enrolment_create(member=member, course=course)
    attempt = attempt_start(member=member, quiz=quiz, module=module)
    given: dict[int, GivenAnswer] = {}
    for response in attempt.responses.select_related("question").prefetch_related("question__answers"):
        question = response.question
        answers = sorted(question.answers.all(), key=lambda answer: answer.fraction, reverse=True)
        if question.name == "Children affected each year":
            given[response.slot] = GivenAnswer(picked=(answers[-1].pk,))  # the one she gets wrong
        elif question.kind == "multiple_response":
            given[response.slot] = GivenAnswer(picked=tuple(answer.pk for answer in answers if answer.fraction > 0))
        elif question.kind in ("single_choice", "true_false"):
            given[response.slot] = GivenAnswer(picked=(answers[0].pk,))
        else:
            given[response.slot] = GivenAnswer(text=answers[0].text)
    return attempt_submit(attempt_id=attempt.pk, member=member, answers=given)


@dataclass(frozen=True)
class Showcase:
    scorm_package: ScormPackage | None
    soon: Workshop
    full: Workshop
    past: Workshop
    attempt: Attempt | None


@transaction.atomic
def demo_showcase_seed() -> Showcase | None:
    course = CoursePage.objects.filter(slug=COURSE["slug"]).first()
    if course is None:
        return None
    members = {member.email: member for member in User.objects.filter(email__endswith="@example.org")}
    trainer = members.get(DEMO_TRAINER)
    learner = members[DEMO_LEARNER]
    priya, tom, grace = (members[email] for email in ("priya@example.org", "tom@example.org", "grace@example.org"))
    return Showcase(
        scorm_package=demo_scorm_seed(course=course),
        soon=demo_soon_workshop_seed(course=course, trainer=trainer, attendees=[learner, priya, tom]),
        full=demo_full_workshop_seed(course=course, trainer=trainer, attendees=[priya, tom, grace]),
        past=demo_past_workshop_seed(course=course, trainer=trainer, present=[learner], absent=[grace]),
        attempt=demo_attempt_seed(course=course, member=priya),
    )
