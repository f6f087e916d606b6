"""The trainer report per package (in the Wagtail admin): attempts and CSV."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from courses.api import modules_reported_to
from elearning.web import csv_response, staff_required
from scorm.models import ScormPackage
from scorm.selectors import package_report


@staff_required("scorm.change_scormpackage")
def report(request: HttpRequest, package_id: int) -> HttpResponse:
    package = get_object_or_404(ScormPackage, pk=package_id)
    rows = package_report(package, modules=modules_reported_to(request.user))
    return render(request, "scorm/admin/report.html", {"package": package, "rows": rows})


@staff_required("scorm.change_scormpackage")
def report_csv(request: HttpRequest, package_id: int) -> HttpResponse:
    package = get_object_or_404(ScormPackage, pk=package_id)
    header = ["Learner", "Email", "Module", "Attempt", "Completion", "Success", "Score", "Time", "Interactions"]
    rows = [
        [
            row.learner,
            row.email,
            row.module,
            row.attempt,
            row.completion,
            row.success,
            row.score,
            row.time,
            "; ".join(f"{i['id']}: {i['response']} ({i['result']})" for i in row.interactions),
        ]
        for row in package_report(package, modules=modules_reported_to(request.user))
    ]
    return csv_response(filename=f"scorm-package-{package.pk}-report.csv", rows=[header, *rows])


urlpatterns = [
    path("<int:package_id>/", report, name="report"),
    path("<int:package_id>/csv/", report_csv, name="report_csv"),
]
