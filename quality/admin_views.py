"""Administrators' report in the Wagtail admin: aggregate ratings, no notes."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from elearning.web import staff_required
from quality.choices import Rating
from quality.selectors import GROUPINGS, latest_completed_assessments, ratings_aggregate

AGGREGATE_PERMISSION = "quality.view_quality_aggregate"


@staff_required(AGGREGATE_PERMISSION)
def ratings_report(request: HttpRequest) -> HttpResponse:
    group_by = request.GET.get("by", "region")
    if group_by not in GROUPINGS:
        group_by = "region"
    return render(
        request,
        "quality/admin/ratings.html",
        {
            "aggregates": ratings_aggregate(group_by=group_by),
            "group_by": group_by,
            "group_label": group_by.capitalize(),
            "rating_labels": Rating.labels,
            "total": latest_completed_assessments().count(),
        },
    )


urlpatterns = [path("", ratings_report, name="ratings")]
