"""Demo course built from demo/course_content.py (idempotent).

Study times are not typed in: each module's comes from its words and
activities (`courses.study_time`), and the course's minutes and CPD hours are
their total, so the figures a learner sees are the ones the content earns.
"""

import uuid
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.images.models import Image

from accounts.models import User
from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, ModulePage
from courses.study_time import ACTIVITY_MINUTES, cpd_hours_for, module_study_time
from demo.course_content import COURSE
from demo.showcase import SCORM_MODULE

ILLUSTRATIONS = Path(__file__).parent / "illustrations"


def demo_illustration(filename: str) -> Image:
    """One of the demo's own SVG drawings as a Wagtail image, found by its title.

    Uploads through the CMS stay raster-only (an uploaded SVG could carry
    script); these files are written by the team and contain none.
    """
    title = f"Demo illustration: {Path(filename).stem}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, file=ContentFile((ILLUSTRATIONS / filename).read_bytes(), name=filename))
        image.save()
    return image


def _value(block: dict[str, Any]) -> Any:
    if block["type"] == "image":
        spec = dict(block["value"])
        return {"image": demo_illustration(spec.pop("illustration")).pk, **spec}
    return block["value"]


def demo_module_body(slug: str, blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The content file's blocks, with ids derived from the module and position, so
    the same demo content always gets the same block ids."""
    return [
        {"type": block["type"], "value": _value(block), "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{slug}/{index}"))}
        for index, block in enumerate(blocks)
    ]


def demo_module_minutes(spec: dict[str, Any]) -> int:
    """A module's study time, counting the activities seeded into it later: every
    module's knowledge check (demo.knowledge_checks) and the SCORM lesson (demo.showcase)."""
    added = ACTIVITY_MINUTES["quiz"] + (ACTIVITY_MINUTES["scorm"] if spec["slug"] == SCORM_MODULE else 0)
    return module_study_time(spec["body"]).total_minutes + added


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

    minutes = [demo_module_minutes(spec) for spec in COURSE["modules"]]
    course = CoursePage.objects.filter(slug=COURSE["slug"]).first()
    if course is None:
        course = CoursePage(
            title=COURSE["title"],
            slug=COURSE["slug"],
            summary=COURSE["summary"],
            audience_sectors=COURSE["audience_sectors"],
            learning_outcomes="\n".join(COURSE["learning_outcomes"]),
            estimated_minutes=sum(minutes),
            cpd_hours=cpd_hours_for(minutes),
        )
        catalogue.add_child(instance=course)
        course.save_revision().publish()

    existing = set(ModulePage.objects.child_of(course).values_list("slug", flat=True))
    for spec, module_minutes in zip(COURSE["modules"], minutes, strict=True):
        if spec["slug"] in existing:
            continue
        module = ModulePage(
            title=spec["title"],
            slug=spec["slug"],
            stage=spec["stage"],
            estimated_minutes=module_minutes,
            summary=spec["summary"],
            body=demo_module_body(spec["slug"], spec["body"]),
        )
        course.add_child(instance=module)
        module.save_revision().publish()
    _demo_trainer_runs(course)
    return course


def _demo_trainer_runs(course: CoursePage) -> None:
    """The demo trainer runs the demo course (courses/permissions.py), so they can edit it."""
    trainer = User.objects.filter(email="trainer@example.org").first()
    if trainer is not None and not course.trainers.filter(pk=trainer.pk).exists():
        course.trainers.add(trainer)
        course.save(update_fields=["trainers"])  # modelcluster writes just the parental relation
