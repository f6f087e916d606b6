"""A small service's records for the reports' tests, written with bulk_create so that 1,000
members cost a few statements (the bench's generator, bench/suite_reports.py, writes with SQL)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.choices import Region, Sector
from accounts.models import User
from certificates.models import Certificate
from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress
from quizzes.models import Attempt, Quiz, QuizGrade
from tests.courses.factories import make_course
from tests.quizzes.factories import make_quiz, module_with_quiz, question
from tests.workshops.factories import make_workshop
from workshops.models import Booking, Workshop

START = timezone.make_aware(datetime(2026, 1, 5, 10, 0))
SECTORS = [Sector.EDUCATION, Sector.HEALTH, Sector.POLICE]
REGIONS = [Region.NORTH_WEST, Region.LONDON]


@dataclass
class Service:
    course: CoursePage
    modules: list[ModulePage]
    quiz: Quiz
    workshop: Workshop
    members: list[User]


def service(*, members: int, prefix: str = "learner", course: CoursePage | None = None) -> Service:
    """`members` learners (sectors and regions in turn, joining over three months), each enrolled on
    the course and booked on its workshop; every other one completed the course, passed its quiz and
    holds its certificate."""
    if course is None:
        course = make_course(title="Courts and sentencing", modules=2)
    quiz = make_quiz([question("single_choice", stem="How many children?", answers=[("312,000", "1"), ("5", "0")])])
    module_with_quiz(course, quiz)
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    workshop = make_workshop(capacity=max(members, 1) * 2, region=Region.LONDON, course=course)
    people = User.objects.bulk_create(
        User(
            email=f"{prefix}{n}@example.org",
            full_name=f"Namely {prefix.title()} {n}",
            sector=SECTORS[n % len(SECTORS)],
            region=REGIONS[n % len(REGIONS)],
            date_joined=START + timedelta(days=n % 90),
        )
        for n in range(members)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(member=person, course=course, completed_at=START + timedelta(days=n % 90 + 3) if n % 2 == 0 else None)
        for n, person in enumerate(people)
    )
    # enrolled_at is auto_now_add: set it to the day after joining in one statement per member batch.
    for n, enrolment in enumerate(enrolments):
        enrolment.enrolled_at = START + timedelta(days=n % 90 + 1)
    Enrolment.objects.bulk_update(enrolments, ["enrolled_at"])
    ModuleProgress.objects.bulk_create(
        ModuleProgress(enrolment=enrolment, module=module, completed_at=enrolment.completed_at)
        for enrolment in enrolments
        for module in modules
    )
    statuses = [Booking.Status.ATTENDED, Booking.Status.NO_SHOW, Booking.Status.CONFIRMED, Booking.Status.WAITLISTED]
    Booking.objects.bulk_create(
        Booking(member=person, workshop=workshop, status=statuses[n % len(statuses)]) for n, person in enumerate(people)
    )
    passed = [(n, person) for n, person in enumerate(people) if n % 2 == 0]
    Attempt.objects.bulk_create(
        Attempt(
            member=person,
            quiz=quiz,
            module=modules[-1],
            number=1,
            state=Attempt.State.FINISHED,
            started_at=START + timedelta(days=n % 90 + 2),
            submitted_at=START + timedelta(days=n % 90 + 2),
            percent=Decimal(100 if n % 2 == 0 else 0),
            passed=n % 2 == 0,
        )
        for n, person in enumerate(people)
    )
    QuizGrade.objects.bulk_create(
        QuizGrade(
            member=person, quiz=quiz, module=modules[-1], percent=Decimal(100 if n % 2 == 0 else 0), passed=n % 2 == 0
        )
        for n, person in enumerate(people)
    )
    Certificate.objects.bulk_create(
        Certificate(
            member=person,
            kind=Certificate.Kind.COURSE,
            achievement_id=course.pk,
            code=f"{prefix[:4].upper()}{n:012d}",
            name_printed=person.full_name,
            title="Certificate of completion",
            course_title=course.title,
            cpd_hours=Decimal("1.5"),
            issued_on=date(2026, 1, 8) + timedelta(days=n % 90),
            issuer="i-HOP (Barnardo's)",
        )
        for n, person in passed
    )
    return Service(course=course, modules=modules, quiz=quiz, workshop=workshop, members=people)
