"""Reports: the service dashboard and a large course's report on a generated service.

The data set (at BENCH_REPORTS_SCALE=1, the default): 100,000 members, 300,000 enrolments on four
courses (one of 20,000 learners, three of about 93,000), 2,000,000 module progress rows and 20,000
workshop bookings on 20 workshops. It is written by `generate` with `INSERT ... SELECT` over
`generate_series` on PostgreSQL (a few statements, no Python loop over rows); its time is reported
as `reports_generation`. A smaller scale (`BENCH_REPORTS_SCALE=0.01`) makes a proportionally
smaller set: `tests/reports/test_bench_suite.py` runs the generator and the dashboard's timing at
a small scale.

`reports_dashboard`: the median time of the dashboard (`/reports/`, as the demo administrator,
sequential requests to gunicorn) against the median time of `SELECT count(*)` over the same
enrolment rows, on the same database in the same run. Ratio = dashboard / count (lower is better;
the issue's goal is at most 3).

`reports_dashboard_uncached`: the same, with the dashboard's kept figures forgotten before each
request (`reports.dashboard.dashboard_figures_forget`), so every one is counted by the database:
what the first reader of a set of filters waits after a change. Not a goal; shown so the cached
figure is not mistaken for the cost of counting.

`reports_course_report`: requests per second of the 20,000-learner course's report (its first
page of learners) under wrk, against the floor view with the same cookie. Ratio = value / floor.
"""

import http.client
import os
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

SCALE = float(os.environ.get("BENCH_REPORTS_SCALE", "1"))
MEMBERS = 100_000
BIG_COURSE = 20_000
OTHER_COURSES = 3
ENROLMENTS = 300_000
MODULES = 7  # per course: 300,000 enrolments x 7 modules, less one for every third = 2,000,000 rows
BOOKINGS = 20_000
WORKSHOPS = 20
SAMPLES = int(os.environ.get("BENCH_REPORTS_SAMPLES", "15"))
UNCACHED_SAMPLES = 5
ADMIN = "admin@example.org"
PREFIX = "bench-report-"

SECTORS = ["education", "health", "social_care", "police", "prison", "probation", "youth_justice", "voluntary", "other"]
REGIONS = [
    "north_east",
    "north_west",
    "yorkshire",
    "east_midlands",
    "west_midlands",
    "east",
    "london",
    "south_east",
    "south_west",
    "wales",
]


def sizes(scale: float) -> dict[str, int]:
    members = max(10, round(MEMBERS * scale))
    big = min(members, max(5, round(BIG_COURSE * scale)))
    # The other courses share the rest of the enrolments; each member enrols at most once on each.
    other = min(members, max(5, round((ENROLMENTS * scale - big) / OTHER_COURSES)))
    return {
        "members": members,
        "big_course": big,
        "other_course": other,
        "bookings": min(members, round(BOOKINGS * scale)),
    }


def _courses() -> list[Any]:
    """Four courses with seven modules each, made through Wagtail (page trees need its API)."""
    from courses.models import CourseIndexPage, CoursePage, ModulePage

    catalogue = CourseIndexPage.objects.get()
    courses = []
    for number in range(1 + OTHER_COURSES):
        course = CoursePage(
            title=f"Bench report course {number + 1}",
            summary="A generated course for the reports bench.",
            learning_outcomes="Know the figures",
            estimated_minutes=60,
            cpd_hours=Decimal("1.0"),
        )
        catalogue.add_child(instance=course)
        for module in range(MODULES):
            course.add_child(
                instance=ModulePage(
                    title=f"Module {module + 1}", stage="facts", estimated_minutes=10, summary="Generated.", body=[]
                )
            )
        courses.append(course)
    return courses


def _workshops(course: Any) -> list[int]:
    from django.utils import timezone

    from workshops.models import Session, Workshop

    start = timezone.now() - timedelta(days=30)
    ids = []
    for number in range(WORKSHOPS):
        workshop = Workshop.objects.create(
            course=course,
            title=f"Bench report workshop {number + 1}",
            summary="Generated.",
            region=REGIONS[number % len(REGIONS)],
            venue_name="Bench Hall",
            capacity=1000,
            booking_opens_at=start - timedelta(days=60),
            booking_closes_at=start - timedelta(days=1),
            cancellation_deadline=start - timedelta(days=2),
            cpd_hours=Decimal("3.0"),
            state=Workshop.State.PUBLISHED,
        )
        Session.objects.create(workshop=workshop, starts_at=start, ends_at=start + timedelta(hours=3))
        ids.append(workshop.pk)
    return ids


def generate(scale: float = SCALE) -> dict[str, Any]:
    """Write the data set with bulk SQL; returns the row counts, the big course's id and the seconds taken."""
    from django.db import connection, transaction

    from reports.dashboard import dashboard_figures_forget

    counts = sizes(scale)
    started = time.perf_counter()
    with transaction.atomic():
        courses = _courses()
        workshop_ids = _workshops(courses[0])
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO accounts_user (password, last_login, is_superuser, email, full_name, organisation,
                    job_role, sector, region, enews_consent_at, is_active, date_joined)
                SELECT '!', NULL, false, %(prefix)s || n || '@example.org', 'Bench Member ' || n, '', '',
                    (%(sectors)s::text[])[n %% %(n_sectors)s + 1], (%(regions)s::text[])[n %% %(n_regions)s + 1],
                    NULL, true, now() - (n %% 730) * interval '1 day'
                FROM generate_series(1, %(members)s) AS n
                """,
                {
                    "prefix": PREFIX,
                    "sectors": SECTORS,
                    "n_sectors": len(SECTORS),
                    "regions": REGIONS,
                    "n_regions": len(REGIONS),
                    "members": counts["members"],
                },
            )
            for index, course in enumerate(courses):
                learners = counts["big_course"] if index == 0 else counts["other_course"]
                # Members in turn from a different starting point per course; every second one completes.
                cursor.execute(
                    """
                    INSERT INTO courses_enrolment (member_id, course_id, enrolled_at, last_module_id, completed_at)
                    SELECT u.id, %(course)s, u.date_joined + interval '1 day', NULL,
                        CASE WHEN u.id %% 2 = 0 THEN u.date_joined + (u.id %% 40 + 2) * interval '1 day' END
                    FROM accounts_user u
                    WHERE u.email LIKE %(pattern)s
                    ORDER BY (u.id + %(offset)s) %% %(members)s
                    LIMIT %(learners)s
                    """,
                    {
                        "course": course.pk,
                        "pattern": PREFIX + "%",
                        "offset": index * 7919,
                        "members": counts["members"],
                        "learners": learners,
                    },
                )
                module_ids = list(course.get_children().order_by("path").values_list("pk", flat=True))
                cursor.execute(
                    """
                    INSERT INTO courses_moduleprogress (enrolment_id, module_id, started_at, completed_at)
                    SELECT e.id, m.id, e.enrolled_at, e.completed_at
                    FROM courses_enrolment e CROSS JOIN unnest(%(modules)s::int[]) WITH ORDINALITY AS m(id, place)
                    WHERE e.course_id = %(course)s AND NOT (e.id %% 3 = 0 AND m.place = %(last)s)
                    """,
                    {"modules": module_ids, "course": course.pk, "last": len(module_ids)},
                )
            cursor.execute(
                """
                INSERT INTO workshops_booking (member_id, workshop_id, status, access_needs, dietary_needs,
                    created_at, ics_sequence)
                SELECT u.id, (%(workshops)s::int[])[u.id %% %(n_workshops)s + 1],
                    (ARRAY['confirmed', 'attended', 'attended', 'no_show', 'waitlisted'])[u.id %% 5 + 1], '', '',
                    u.date_joined, 0
                FROM accounts_user u WHERE u.email LIKE %(pattern)s ORDER BY u.id LIMIT %(bookings)s
                """,
                {
                    "workshops": workshop_ids,
                    "n_workshops": len(workshop_ids),
                    "pattern": PREFIX + "%",
                    "bookings": counts["bookings"],
                },
            )
            cursor.execute("ANALYZE")
        rows = _row_counts(courses[0].pk)
        # SQL sends no signal: forget any figures the dashboard kept, as a save would.
        transaction.on_commit(dashboard_figures_forget)
    return {**rows, "big_course_id": courses[0].pk, "seconds": round(time.perf_counter() - started, 1)}


def _row_counts(big_course_id: int) -> dict[str, int]:
    from accounts.models import User
    from courses.models import Enrolment, ModuleProgress
    from workshops.models import Booking

    return {
        "members": User.objects.filter(email__startswith=PREFIX).count(),
        "enrolments": Enrolment.objects.filter(member__email__startswith=PREFIX).count(),
        "big_course_learners": Enrolment.objects.filter(course_id=big_course_id).count(),
        "module_progress": ModuleProgress.objects.filter(enrolment__member__email__startswith=PREFIX).count(),
        "bookings": Booking.objects.filter(member__email__startswith=PREFIX).count(),
    }


def response_seconds(
    base_url: str, path: str, headers: dict[str, str], samples: int, before_each: Callable[[], None] | None = None
) -> float:
    """The median time of `samples` sequential GETs (one warm-up first); every answer must be 200.
    `before_each` runs before each request, outside its time."""
    parts = urlsplit(base_url)
    times = []
    for number in range(samples + 1):
        if before_each is not None:
            before_each()
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=300)
        started = time.perf_counter()
        connection.request("GET", path, headers={**headers, "Host": parts.netloc})
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        if number:
            times.append(elapsed)
    return statistics.median(times)


def count_seconds(samples: int) -> float:
    """The median time of a plain SELECT count(*) over the enrolment rows (one warm-up first)."""
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for number in range(samples + 1):
            started = time.perf_counter()
            cursor.execute("SELECT count(*) FROM courses_enrolment")
            cursor.fetchone()
            if number:
                times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(harness: Any) -> dict[str, dict[str, object]]:
    from reports.dashboard import dashboard_figures_forget

    harness.progress(f"reports: generating the data set at scale {SCALE}")
    generated = generate(SCALE)
    harness.progress(f"reports: generated {generated} ")
    headers = harness.signed_in_headers(ADMIN)

    harness.progress(f"reports: dashboard against SELECT count(*), {SAMPLES} requests each")
    count = count_seconds(SAMPLES)
    dashboard = response_seconds(harness.base_url, "/reports/", headers, SAMPLES)
    count_after = count_seconds(SAMPLES)
    floor = (count + count_after) / 2
    uncached = response_seconds(
        harness.base_url, "/reports/", headers, UNCACHED_SAMPLES, before_each=dashboard_figures_forget
    )

    report_path = f"/reports/courses/{generated['big_course_id']}/"
    harness.require_ok("reports_course_report", harness.base_url + report_path, headers)
    floor_before = harness.floor_rps(headers)
    report_rps = harness.measure("reports_course_report", harness.base_url + report_path, headers, harness.seconds)
    floor_after = harness.floor_rps(headers)
    report_floor = (floor_before + floor_after) / 2
    return {
        "reports_generation": {
            "value": generated["seconds"],
            "floor": None,
            "ratio": None,
            "unit": "s",
            "higher_is_better": False,
            "rows": {key: value for key, value in generated.items() if key not in {"seconds", "big_course_id"}},
            "scale": SCALE,
        },
        "reports_dashboard": {
            "value": round(dashboard, 4),
            "floor": round(floor, 4),
            "ratio": round(dashboard / floor, 2),
            "unit": "s per request (median)",
            "higher_is_better": False,
            "floor_is": "SELECT count(*) over courses_enrolment, median, before and after",
            "goal": "ratio <= 3",
            "scale": SCALE,
        },
        "reports_dashboard_uncached": {
            "value": round(uncached, 4),
            "floor": round(floor, 4),
            "ratio": round(uncached / floor, 2),
            "unit": "s per request (median)",
            "higher_is_better": False,
            "floor_is": "SELECT count(*) over courses_enrolment, median, before and after",
            "scale": SCALE,
        },
        "reports_course_report": {
            "value": round(report_rps, 1),
            "floor": round(report_floor, 1),
            "ratio": round(report_rps / report_floor, 3),
            "unit": "req/s",
            "higher_is_better": True,
            "learners": generated["big_course_learners"],
            "scale": SCALE,
        },
    }
