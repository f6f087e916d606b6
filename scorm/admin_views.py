"""The trainer report per package (in the Wagtail admin): attempts and CSV."""

import csv
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from accounts.roles import is_administrator
from courses.permissions import modules_run_by
from scorm.models import ScormPackage
from scorm.selectors import package_report


def _package_for(request: HttpRequest, package_id: int) -> ScormPackage:
    if not request.user.has_perm("scorm.change_scormpackage"):
        raise PermissionDenied
    return get_object_or_404(ScormPackage, pk=package_id)


def _modules_reported(request: HttpRequest) -> QuerySet[Any] | None:
    """A trainer's report covers the courses they run; an administrator's every course (None)."""
    return None if is_administrator(request.user) else modules_run_by(request.user)


def report(request: HttpRequest, package_id: int) -> HttpResponse:
    package = _package_for(request, package_id)
    rows = package_report(package, modules=_modules_reported(request))
    return render(request, "scorm/admin/report.html", {"package": package, "rows": rows})


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def report_csv(request: HttpRequest, package_id: int) -> HttpResponse:
    package = _package_for(request, package_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="scorm-package-{package.pk}-report.csv"'
    writer = csv.writer(response)
    writer.writerow(["Learner", "Email", "Module", "Attempt", "Completion", "Success", "Score", "Time", "Interactions"])
    for row in package_report(package, modules=_modules_reported(request)):
        interactions = "; ".join(f"{i['id']}: {i['response']} ({i['result']})" for i in row.interactions)
        writer.writerow(
            [
                _cell(v)
                for v in (
                    row.learner,
                    row.email,
                    row.module,
                    row.attempt,
                    row.completion,
                    row.success,
                    row.score,
                    row.time,
                    interactions,
                )
            ]
        )
    return response


urlpatterns = [
    path("<int:package_id>/", report, name="report"),
    path("<int:package_id>/csv/", report_csv, name="report_csv"),
]
