"""Writes for certificates: issue (idempotent), render and send, revoke, reissue.

Issuing is safe however often a task runs: a partial unique constraint allows
one live certificate per member and achievement, and the check-then-create
runs under a row lock on the member, so concurrent tasks for the same learner
queue up behind each other instead of racing.
"""

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import User
from accounts.validators import validate_printable_text
from certificates.codes import code_generate
from certificates.credentials import credential_sign
from certificates.models import Certificate, CertificateTemplate, CourseCertificateSettings
from certificates.render import CertificateContent, certificate_pdf, template_look
from courses.api import completed_enrolment
from elearning.mail import email_queue_on_commit

logger = logging.getLogger(__name__)


class CertificateError(Exception):
    """An action on a certificate that cannot be done; the message is shown to the user."""


@dataclass(frozen=True)
class Achievement:
    """Something a member earned a certificate for (a completed course, an attended workshop)."""

    member_id: int
    kind: str
    achievement_id: int
    title: str
    course_title: str
    cpd_hours: Decimal
    achieved_on: date
    template_id: int | None = None
    expiry_months: int | None = None


def default_template() -> CertificateTemplate | None:
    return CertificateTemplate.objects.filter(is_default=True).first()


def achievement_for_enrolment(*, enrolment_id: int) -> Achievement | None:
    """The achievement of a completed enrolment, or None if it is not complete."""
    enrolment = completed_enrolment(enrolment_id)
    if enrolment is None or enrolment.completed_at is None:
        return None
    course = enrolment.course
    course_settings = CourseCertificateSettings.objects.filter(course_id=course.pk).first()
    template_id = course_settings.template_id if course_settings and course_settings.template_id else None
    return Achievement(
        member_id=enrolment.member_id,
        kind=Certificate.Kind.COURSE,
        achievement_id=course.pk,
        title=course.title,
        course_title=course.title,
        cpd_hours=course.cpd_hours,
        achieved_on=timezone.localdate(enrolment.completed_at),
        template_id=template_id,
        expiry_months=course_settings.expiry_months if course_settings else None,
    )


def _create(achievement: Achievement, member: User, template_id: int | None) -> tuple[Certificate, bool]:
    """Create the certificate, or return the one another transaction created first."""
    expires_on = (
        achievement.achieved_on + relativedelta(months=achievement.expiry_months) if achievement.expiry_months else None
    )
    for _attempt in range(3):
        try:
            with transaction.atomic():  # a savepoint: a clash on the random code is retried
                created = Certificate.objects.create(
                    member=member,
                    kind=achievement.kind,
                    achievement_id=achievement.achievement_id,
                    code=code_generate(),
                    name_printed=member.get_full_name(),
                    title=achievement.title,
                    course_title=achievement.course_title,
                    cpd_hours=achievement.cpd_hours,
                    issued_on=achievement.achieved_on,
                    expires_on=expires_on,
                    issuer=settings.CERTIFICATES_ISSUER_NAME,
                    template_id=template_id,
                )
            return created, True
        except IntegrityError:
            existing = _live(achievement).first()
            if existing is not None:
                return existing, False
    raise IntegrityError("Could not draw an unused verification code.")


def _live(achievement: Achievement) -> "QuerySet[Certificate]":
    return Certificate.objects.filter(
        member_id=achievement.member_id, kind=achievement.kind, achievement_id=achievement.achievement_id
    ).exclude(status=Certificate.Status.SUPERSEDED)


def certificates_issue(*, achievements: list[Achievement]) -> list[Certificate]:
    """Issue a certificate for each achievement that has none yet, in one
    transaction, and queue their rendering after commit. Returns every
    achievement's certificate, new or existing. Members who no longer exist
    (erased) are skipped."""
    if not achievements:
        return []
    fallback = default_template()
    issued: list[Certificate] = []
    created_ids: list[int] = []
    with transaction.atomic():
        # Lock members in id order so two batches can never wait on each other.
        members = {
            member.pk: member
            for member in User.objects.select_for_update()
            .filter(pk__in={entry.member_id for entry in achievements})
            .order_by("pk")
        }
        for entry in achievements:
            member = members.get(entry.member_id)
            if member is None:
                continue
            existing = _live(entry).first()
            if existing is not None:
                issued.append(existing)
                continue
            template_id = entry.template_id or (fallback.pk if fallback else None)
            certificate, created = _create(entry, member, template_id)
            issued.append(certificate)
            if created:
                created_ids.append(certificate.pk)

        from certificates.tasks import certificate_render

        transaction.on_commit(lambda: [certificate_render.delay(pk) for pk in created_ids])
    return issued


def certificate_issue(*, achievement: Achievement) -> Certificate | None:
    """Issue one certificate (see certificates_issue)."""
    issued = certificates_issue(achievements=[achievement])
    return issued[0] if issued else None


def certificate_content(certificate: Certificate) -> CertificateContent:
    return CertificateContent(
        name_printed=certificate.name_printed,
        title=certificate.title,
        course_title=certificate.course_title,
        cpd_hours=certificate.cpd_hours,
        issued_on=certificate.issued_on,
        expires_on=certificate.expires_on,
        issuer=certificate.issuer,
        code=certificate.code,
        verify_url=certificate.verify_url,
        kind_label=certificate.get_kind_display(),
    )


def certificate_render_and_send(*, certificate_id: int) -> None:
    """Render the PDF and sign the open credential (once), then email the
    learner the PDF (once). Rendering happens outside any transaction; the
    result is stored only if no other run stored one first. Nothing is sent
    for a certificate that was revoked or superseded in the meantime."""
    certificate = Certificate.objects.select_related("template", "member").filter(pk=certificate_id).first()
    if certificate is None or certificate.status == Certificate.Status.SUPERSEDED:
        return
    if not certificate.pdf:
        pdf = certificate_pdf(
            certificate_content(certificate),
            template_look(certificate.template, attendance=certificate.kind == Certificate.Kind.WORKSHOP),
        )
        token = credential_sign(certificate)
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate_id)
            if not locked.pdf and locked.status != Certificate.Status.SUPERSEDED:
                locked.pdf.save(f"certificate-{locked.code}.pdf", ContentFile(pdf), save=False)
                locked.credential_jwt = token
                locked.rendered_at = timezone.now()
                locked.save(update_fields=["pdf", "credential_jwt", "rendered_at"])
        certificate.refresh_from_db()
    certificate_email(certificate=certificate)


def certificate_email(*, certificate: Certificate) -> bool:
    """Email the learner their certificate PDF, once. Returns True if this call queued it."""
    with transaction.atomic():
        claimed = (
            Certificate.objects.filter(pk=certificate.pk, status=Certificate.Status.VALID, emailed_at__isnull=True)
            .exclude(pdf="")
            .update(emailed_at=timezone.now())
        )
        if not claimed:
            return False
        member = certificate.member
        context = {"certificate": certificate, "member": member, "site_url": settings.SITE_URL.rstrip("/")}
        message = EmailMultiAlternatives(
            subject=f"Your certificate: {certificate.title}",
            body=render_to_string("certificates/email/certificate_issued.txt", context),
            to=[member.email],
        )
        with certificate.pdf.open("rb") as handle:
            message.attach(f"i-HOP certificate {certificate.code_display}.pdf", handle.read(), "application/pdf")
        email_queue_on_commit(message)
    return True


def certificate_revoke(*, certificate_id: int, reason: str) -> Certificate:
    """Revoke a valid certificate with a reason that the verification page shows.

    Raises CertificateError for a missing reason or a certificate that is not valid."""
    reason = " ".join(reason.split())
    if not reason:
        raise CertificateError("Give the reason for revoking: it is shown to anyone who checks the certificate.")
    if len(reason) > 500:
        raise CertificateError("Keep the reason under 500 characters.")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if certificate is None:
            raise CertificateError("That certificate does not exist.")
        if certificate.status != Certificate.Status.VALID:
            raise CertificateError(f"This certificate is already {certificate.get_status_display().lower()}.")
        certificate.status = Certificate.Status.REVOKED
        certificate.revoked_reason = reason
        certificate.revoked_at = timezone.now()
        certificate.save(update_fields=["status", "revoked_reason", "revoked_at"])
    logger.info("certificate %s revoked", certificate.pk)
    return certificate


def certificate_reissue(*, certificate_id: int, name_printed: str) -> Certificate:
    """Replace a valid certificate with one printed with a corrected name.

    The old certificate becomes "superseded": its printed name, PDF and
    credential are removed, so its code leads to nothing personal. The new
    one keeps the achievement, dates and CPD hours, gets a new code, and is
    rendered and emailed after commit. Raises CertificateError."""
    name_printed = " ".join(name_printed.split())
    if not name_printed:
        raise CertificateError("Give the name to print on the certificate.")
    if len(name_printed) > 150:
        raise CertificateError("Keep the name under 150 characters.")
    try:
        validate_printable_text(name_printed)
    except ValidationError as error:
        raise CertificateError(" ".join(error.messages)) from error
    with transaction.atomic():
        old = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if old is None:
            raise CertificateError("That certificate does not exist.")
        if old.status != Certificate.Status.VALID:
            raise CertificateError("Only a valid certificate can be reissued.")
        replacement_fields = {
            "member_id": old.member_id,
            "kind": old.kind,
            "achievement_id": old.achievement_id,
            "title": old.title,
            "course_title": old.course_title,
            "cpd_hours": old.cpd_hours,
            "issued_on": old.issued_on,
            "expires_on": old.expires_on,
            "issuer": old.issuer,
            "template_id": old.template_id,
        }
        old_pdf_name = old.pdf.name
        old.status = Certificate.Status.SUPERSEDED
        old.superseded_at = timezone.now()
        old.name_printed = ""
        old.credential_jwt = ""
        old.pdf = ""
        old.save(update_fields=["status", "superseded_at", "name_printed", "credential_jwt", "pdf"])
        new = Certificate.objects.create(code=code_generate(), name_printed=name_printed, **replacement_fields)
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])
        storage = old.pdf.storage
        from certificates.tasks import certificate_render

        transaction.on_commit(lambda: certificate_render.delay(new.pk))
        if old_pdf_name:
            transaction.on_commit(lambda: storage.delete(old_pdf_name))
    return new
