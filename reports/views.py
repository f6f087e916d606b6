"""Reports: the service dashboard (administrators, commissioners) and course reports (the
course's trainers, administrators). Views check who may read and hand over to the selectors."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from courses.models import CoursePage
from courses.permissions import courses_run_by
from elearning.web import csv_response, signed_in_member
from reports.access import may_read_course_reports, may_read_dashboard, suppresses_small_counts
from reports.charts import chart_data_url, chart_description
from reports.course_report import course_learners, course_report, course_reported_to, learner_progress
from reports.dashboard import FIGURES, DashboardFigures, dashboard_figures, dashboard_kept
from reports.forms import DashboardFilterForm
from reports.tables import FEWER_THAN, Table, csv_rows, suppressed

LEARNERS_PER_PAGE = 100


def _dashboard_reader(request: HttpRequest) -> bool:
    member = signed_in_member(request)
    if not may_read_dashboard(member):
        raise Http404
    return suppresses_small_counts(member)


def _shown(table: Table, *, suppress: bool) -> Table:
    return suppressed(table) if suppress else table


def _figures_html(*, counted: DashboardFigures, suppress: bool, query: str) -> str:
    """The figures as this kind of reader sees them, each a chart beside its table with its CSV link."""
    figures = []
    for key, exact in counted.tables.items():
        table = _shown(exact, suppress=suppress)
        csv_url = reverse("reports:figure_csv", args=[key]) + (f"?{query}" if query else "")
        chart = chart_data_url(table)
        figures.append({"table": table, "chart": chart, "description": chart_description(table), "csv_url": csv_url})
    return render_to_string(
        "reports/dashboard_figures.html",
        {"figures": figures, "counted_at": counted.counted_at, "fewer_than": FEWER_THAN},
    )


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    suppress = _dashboard_reader(request)
    form = DashboardFilterForm(request.GET or None)
    filters = form.filters()
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    counted = dashboard_figures(filters)
    # Rendering a dozen tables and charts costs more than the rest of the page, and is the same for
    # every reader of the same figures who sees small counts the same way: kept with them. The time
    # they were counted is in the key, so the page is never kept longer than the figures it shows.
    figures_html = dashboard_kept(
        "html",
        (filters, counted.counted_at, suppress, query),
        lambda: _figures_html(counted=counted, suppress=suppress, query=query),
    )
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "figures_html": mark_safe(figures_html),  # noqa: S308 - our own template's output, kept as rendered
            "suppressed": suppress,
            "fewer_than": FEWER_THAN,
        },
    )


@login_required
@require_GET
def figure_csv(request: HttpRequest, key: str) -> HttpResponse:
    suppress = _dashboard_reader(request)
    if key not in FIGURES:
        raise Http404
    form = DashboardFilterForm(request.GET or None)
    table = _shown(dashboard_figures(form.filters()).tables[key], suppress=suppress)
    return csv_response(filename=f"{key}.csv", rows=csv_rows(table))


def _course_staff(request: HttpRequest) -> None:
    if not may_read_course_reports(signed_in_member(request)):
        raise Http404


@login_required
@require_GET
def course_list(request: HttpRequest) -> HttpResponse:
    _course_staff(request)
    courses = courses_run_by(request.user).order_by("title").only("title")
    return render(request, "reports/course_list.html", {"courses": courses})


def _course(request: HttpRequest, course_id: int) -> CoursePage:
    _course_staff(request)
    course = course_reported_to(user=request.user, course_id=course_id)
    if course is None:
        raise Http404  # not a course this trainer runs: as if it did not exist
    return course


@login_required
@require_GET
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id)
    page = Paginator(course_learners(course=course), LEARNERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/course_detail.html",
        {"course": course, "report": course_report(course=course), "page": page},
    )


@login_required
@require_GET
def course_csv(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id)
    rows: list[list[object]] = [
        ["name", "email", "sector", "region", "enrolled", "modules completed", "completed", "days to complete"]
    ]
    for enrolment in course_learners(course=course).iterator(chunk_size=2000):
        member = enrolment.member
        rows.append(
            [
                member.full_name,
                member.email,
                member.get_sector_display(),
                member.get_region_display(),
                enrolment.enrolled_at.date(),
                enrolment.modules_completed,  # type: ignore[attr-defined]
                enrolment.completed_at.date() if enrolment.completed_at else "",
                enrolment.time_to_complete.days if enrolment.time_to_complete else "",  # type: ignore[attr-defined]
            ]
        )
    return csv_response(filename=f"course-{slugify(course.title)}.csv", rows=rows)


@login_required
@require_GET
def learner_detail(request: HttpRequest, course_id: int, enrolment_id: int) -> HttpResponse:
    course = _course(request, course_id)
    found = learner_progress(course=course, enrolment_id=enrolment_id)
    if found is None:
        raise Http404
    enrolment, modules, grades = found
    return render(
        request,
        "reports/learner_detail.html",
        {"course": course, "enrolment": enrolment, "modules": modules, "grades": grades},
    )
