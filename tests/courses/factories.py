"""Builders for course page trees (Wagtail pages need add_child, so plain functions)."""

import uuid
from decimal import Decimal
from typing import Any

from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, ModulePage

STAGES = ["facts", "arrest", "court", "prison", "release", "practice"]


def catalogue() -> CourseIndexPage:
    existing = CourseIndexPage.objects.first()
    if existing:
        return existing
    index = CourseIndexPage(title="Courses", slug="courses")
    HomePage.objects.get().add_child(instance=index)
    return index


def text_block(text: str = "Some learning content.") -> dict[str, Any]:
    return {"type": "rich_text", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}


def reflection_block(prompt: str = "What would you do?") -> dict[str, Any]:
    return {"type": "reflection", "value": {"prompt": prompt}, "id": str(uuid.uuid4())}


def make_course(
    *,
    title: str = "Supporting children of prisoners",
    modules: int = 3,
    sectors: list[str] | None = None,
    minutes: int = 90,
    summary: str = "What children face when a parent goes to prison.",
    live: bool = True,
) -> CoursePage:
    course = CoursePage(
        title=title,
        summary=summary,
        audience_sectors=sectors if sectors is not None else ["education", "health"],
        learning_outcomes="Know the figures\nKnow what helps",
        estimated_minutes=minutes,
        cpd_hours=Decimal("1.5"),
        live=live,
    )
    catalogue().add_child(instance=course)
    for number in range(modules):
        add_module(course, title=f"Module {number + 1}", stage=STAGES[number % len(STAGES)])
    return course


def add_module(
    course: CoursePage,
    *,
    title: str = "A module",
    stage: str = "arrest",
    required: bool = True,
    live: bool = True,
    body: list[dict[str, Any]] | None = None,
) -> ModulePage:
    module = ModulePage(
        title=title,
        stage=stage,
        estimated_minutes=15,
        summary=f"About {title}",
        required=required,
        live=live,
        body=body if body is not None else [text_block(f"Content of {title}"), reflection_block()],
    )
    course.add_child(instance=module)
    return module


def course_trainer(course: CoursePage) -> Any:
    """A trainer who runs `course` (named in its Trainers field, as an administrator would)."""
    from accounts.choices import Role
    from tests.accounts.factories import MemberFactory

    trainer = MemberFactory(role=Role.TRAINER)
    course.trainers.add(trainer)
    course.save()  # a parental relation is written when the page is saved
    return trainer
