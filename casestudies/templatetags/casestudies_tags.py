"""Links to case studies from pages of the apps below this one (module pages,
the resource library). Template tags rather than imports, so courses and cms
still import nothing above them; each tag renders nothing when there is nothing
to link to."""

from collections.abc import Iterable
from typing import Any

from django import template

from casestudies.models import CaseStudyPage
from casestudies.selectors import case_studies_for_resources, case_studies_for_stage

register = template.Library()


@register.inclusion_tag("casestudies/includes/related_case_studies.html", takes_context=True)
def case_studies_for_module(context: dict[str, Any], stage: str) -> dict[str, Any]:
    return {"case_studies": case_studies_for_stage(stage=stage), "request": context.get("request")}


@register.simple_tag
def case_studies_by_resource(resources: Iterable[Any]) -> dict[int, list[CaseStudyPage]]:
    return case_studies_for_resources(resource.pk for resource in resources)


@register.inclusion_tag("casestudies/includes/resource_case_studies.html", takes_context=True)
def case_studies_of_resource(
    context: dict[str, Any], by_resource: dict[int, list[CaseStudyPage]], resource: Any
) -> dict[str, Any]:
    return {"case_studies": by_resource.get(resource.pk, []), "resource": resource, "request": context.get("request")}
