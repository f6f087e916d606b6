from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from courses.models import Enrolment


@shared_task(name="courses.course_completion_email_send", autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def course_completion_email_send(enrolment_id: int) -> None:
    """Email the learner that they completed a course, once.

    The row is claimed by stamping completion_email_sent_at only if it was
    empty; a repeated or re-delivered task finds it stamped and sends nothing.
    If sending fails the stamp is rolled back so a retry can send it.
    """
    with transaction.atomic():
        claimed = Enrolment.objects.filter(
            pk=enrolment_id, completed_at__isnull=False, completion_email_sent_at__isnull=True
        ).update(completion_email_sent_at=timezone.now())
        if not claimed:
            return
        enrolment = Enrolment.objects.select_related("member", "course").get(pk=enrolment_id)
        context = {
            "member": enrolment.member,
            "course": enrolment.course,
            "completed_at": enrolment.completed_at,
            "site_url": settings.SITE_URL,
        }
        message = EmailMultiAlternatives(
            subject=f"You have completed {enrolment.course.title}",
            body=render_to_string("courses/email/course_completed.txt", context),
            to=[enrolment.member.email],
        )
        message.send()
