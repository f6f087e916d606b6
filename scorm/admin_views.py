"""The trainer report per package (in the Wagtail admin): attempts and CSV."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from courses.api import CourseError, courses_addable_by
from scorm.models import ScormPackage
from scorm.selectors import package_report
from scorm.services import AttemptError, package_course_create


def _package_for(request: HttpRequest, package_id: int) -> ScormPackage:
    if not request.user.has_perm("scorm.change_scormpackage"):
        raise PermissionDenied
    return get_object_or_404(ScormPackage, pk=package_id)


def report(request: HttpRequest, package_id: int) -> HttpResponse:
    package = _package_for(request, package_id)
    return render(request, "scorm/admin/report.html", {"package": package, "rows": package_report(package)})


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def report_csv(request: HttpRequest, package_id: int) -> HttpResponse:
    """One row per interaction (an attempt without any still has its row), the
    attempt's rolled-up status on each."""
    package = _package_for(request, package_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="scorm-package-{package.pk}-report.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
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
    )
    for row in package_report(package):
        attempt = [row.learner, row.email, row.module, row.attempt, row.completion, row.success, row.score, row.time]
        interactions = [
            [item.sco, item.id, item.type, item.response, item.result, item.latency, item.time]
            for item in row.interactions
        ] or [[""] * 7]
        for interaction in interactions:
            writer.writerow([_cell(value) for value in [*attempt, *interaction]])
    return response


class CourseFromPackageForm(forms.Form):
    title = forms.CharField(
        max_length=255, help_text="The new course's title; the package's own if left empty.", required=False
    )


def course_create(request: HttpRequest, package_id: int) -> HttpResponse:
    """Make a draft course holding one module with this package (a trainer bringing
    packages from another LMS); it then goes live through the usual review."""
    package = _package_for(request, package_id)
    if not courses_addable_by(user=request.user):  # type: ignore[arg-type]  # the admin requires a member
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
    path("<int:package_id>/course/", course_create, name="course_create"),
]
