"""The trainer report per package (in the Wagtail admin): attempts and CSV."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from scorm.models import ScormPackage
from scorm.selectors import package_report


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


urlpatterns = [
    path("<int:package_id>/", report, name="report"),
    path("<int:package_id>/csv/", report_csv, name="report_csv"),
]
