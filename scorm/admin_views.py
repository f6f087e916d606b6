"""The trainer report per package (in the Wagtail admin): attempts and CSV, and making a
course of a package."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from courses.api import CourseError, courses_addable_by, modules_reported_to
from elearning.web import csv_response, staff_required
from scorm.models import ScormPackage
from scorm.selectors import package_report
from scorm.services import AttemptError, package_course_create


@staff_required("scorm.change_scormpackage")
def report(request: HttpRequest, package_id: int) -> HttpResponse:
    package = get_object_or_404(ScormPackage, pk=package_id)
    rows = package_report(package, modules=modules_reported_to(request.user))
    return render(request, "scorm/admin/report.html", {"package": package, "rows": rows})


@staff_required("scorm.change_scormpackage")
def report_csv(request: HttpRequest, package_id: int) -> HttpResponse:
    """One row per interaction (an attempt without any still has its row), the
    attempt's rolled-up status on each."""
    package = get_object_or_404(ScormPackage, pk=package_id)
    header = [
        "Learner",
        "Email",
        "Module",
        "Attempt",
        "Completion",
        "Success",
        "Score",
        "Time",
        "Part",
        "Interaction",
        "Type",
        "Learner response",
        "Result",
        "Latency",
        "Recorded at",
    ]
    rows: list[list[object]] = []
    for row in package_report(package, modules=modules_reported_to(request.user)):
        attempt = [row.learner, row.email, row.module, row.attempt, row.completion, row.success, row.score, row.time]
        interactions = [
            [item.sco, item.id, item.type, item.response, item.result, item.latency, item.time]
            for item in row.interactions
        ] or [[""] * 7]
        rows.extend([*attempt, *interaction] for interaction in interactions)
    return csv_response(filename=f"scorm-package-{package.pk}-report.csv", rows=[header, *rows])


@staff_required("scorm.change_scormpackage")
def report_activities_csv(request: HttpRequest, package_id: int) -> HttpResponse:
    """A sequenced package's activity tree per attempt, one row per activity with its
    depth in the tree, as the report shows it; an attempt the engine has not reported on
    has no rows."""
    package = get_object_or_404(ScormPackage, pk=package_id)
    header = [
        "Learner",
        "Email",
        "Module",
        "Attempt",
        "Activity",
        "Depth",
        "Completion",
        "Success",
        "Attempts",
        "Objectives",
    ]
    rows: list[list[object]] = []
    for row in package_report(package, modules=modules_reported_to(request.user)):
        attempt = [row.learner, row.email, row.module, row.attempt]
        rows.extend(
            [*attempt, item.title, item.depth, item.completion, item.success, item.attempts, "; ".join(item.objectives)]
            for item in row.activities
        )
    return csv_response(filename=f"scorm-package-{package.pk}-activities.csv", rows=[header, *rows])


class CourseFromPackageForm(forms.Form):
    title = forms.CharField(
        max_length=255, help_text="The new course's title; the package's own if left empty.", required=False
    )


@staff_required("scorm.change_scormpackage")
def course_create(request: HttpRequest, package_id: int) -> HttpResponse:
    """Make a draft course holding one module with this package (a trainer bringing
    packages from another LMS); it then goes live through the usual review."""
    package = get_object_or_404(ScormPackage, pk=package_id)
    if not courses_addable_by(user=request.user):  # type: ignore[arg-type]  # staff_required: a member
        raise PermissionDenied
    form = CourseFromPackageForm(request.POST or None, initial={"title": package.display_title})
    if request.method == "POST" and form.is_valid():
        try:
            course = package_course_create(package=package, title=form.cleaned_data["title"])
        except (AttemptError, CourseError) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"Course “{course.title}” created as a draft with one module holding the package."
            )
            return redirect(reverse("wagtailadmin_explore", args=[course.pk]))
    return render(request, "scorm/admin/course_create.html", {"package": package, "form": form})


urlpatterns = [
    path("<int:package_id>/", report, name="report"),
    path("<int:package_id>/csv/", report_csv, name="report_csv"),
    path("<int:package_id>/activities/csv/", report_activities_csv, name="report_activities_csv"),
    path("<int:package_id>/course/", course_create, name="course_create"),
]
