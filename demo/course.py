"""Demo course built from demo/course_content.py (idempotent)."""

import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction

from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, ModulePage
from demo.course_content import COURSE


def _body(slug: str, blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The content file's blocks, with ids derived from the module and position, so
    the same demo content always gets the same block ids."""
    return [
        {"type": block["type"], "value": block["value"], "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{slug}/{index}"))}
        for index, block in enumerate(blocks)
    ]


@transaction.atomic
def demo_course_seed() -> CoursePage:
    home = HomePage.objects.get()
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue = CourseIndexPage(
            title="Courses",
            slug="courses",
            intro="Short, free online courses you can take at your own pace, on a phone between visits or at a desk.",
            show_in_menus=True,
        )
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()

    course = CoursePage.objects.filter(slug=COURSE["slug"]).first()
    if course is None:
        course = CoursePage(
            title=COURSE["title"],
            slug=COURSE["slug"],
            summary=COURSE["summary"],
            audience_sectors=COURSE["audience_sectors"],
            learning_outcomes="\n".join(COURSE["learning_outcomes"]),
            estimated_minutes=COURSE["estimated_minutes"],
            cpd_hours=Decimal(COURSE["cpd_hours"]),
        )
        catalogue.add_child(instance=course)
        course.save_revision().publish()

    existing = set(ModulePage.objects.child_of(course).values_list("slug", flat=True))
    for spec in COURSE["modules"]:
        if spec["slug"] in existing:
            continue
        module = ModulePage(
            title=spec["title"],
            slug=spec["slug"],
            stage=spec["stage"],
            estimated_minutes=spec["estimated_minutes"],
            summary=spec["summary"],
            body=_body(spec["slug"], spec["body"]),
        )
        course.add_child(instance=module)
        module.save_revision().publish()
    return course
