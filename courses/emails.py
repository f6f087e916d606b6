"""The course completion email, rendered by the outbox at send time."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from courses.models import Enrolment

COMPLETION_EMAIL_KIND = "courses.completion_email"


def completion_email_key(enrolment_id: int) -> str:
    return f"course-completed-email:{enrolment_id}"


def completion_email_render(payload: dict[str, int]) -> EmailMessage | None:
    """None once the enrolment is gone (the member erased their account)."""
    enrolment = Enrolment.objects.select_related("member", "course").filter(pk=payload["enrolment_id"]).first()
    if enrolment is None or enrolment.completed_at is None:
        return None
    context = {
        "member": enrolment.member,
        "course": enrolment.course,
        "completed_at": enrolment.completed_at,
        "site_url": settings.SITE_URL,
    }
    return EmailMessage(
        subject=f"You have completed {enrolment.course.title}",
        body=render_to_string("courses/email/course_completed.txt", context),
        to=[enrolment.member.email],
    )
