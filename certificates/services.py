"""Writes for certificates: queue and issue (idempotent), render, email, revoke, reissue.

Every step is an outbox item, queued in the transaction that causes it:
completing a course or taking a register queues the issue, issuing queues
the render, rendering queues the email (the PDF is read from storage when
the email is sent). Issuing is safe however often it runs: a partial unique
constraint allows one live certificate per member and achievement, and the
check-then-create runs under a row lock on the member, so concurrent runs for
the same learner queue up behind each other instead of racing.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import User
from accounts.validators import validate_printable_text
from audit.models import AuditEntry
from audit.services import audit_record
from certificates.codes import code_generate
from certificates.credentials import credential_sign
from certificates.models import Certificate, CertificateTemplate, CourseCertificateSettings
from certificates.render import CertificateContent, certificate_pdf, template_look
from courses.api import completed_enrolment
from outbox.kinds import NothingToDo, Payload
from outbox.mail import email_send
from outbox.services import outbox_enqueue

logger = logging.getLogger(__name__)

COURSE_ISSUE_KIND = "certificates.course_issue"
WORKSHOP_ISSUE_KIND = "certificates.workshop_issue"
RENDER_KIND = "certificates.render"
EMAIL_KIND = "certificates.issued_email"


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


def course_certificate_queue(*, enrolment_id: int) -> None:
    """Queue the certificate of a completed course (in the caller's transaction)."""
    outbox_enqueue(
        kind=COURSE_ISSUE_KIND, key=f"certificate-issue:course:{enrolment_id}", payload={"enrolment_id": enrolment_id}
    )


def attendance_certificate_queue(
    *,
    member_id: int,
    workshop_id: int,
    workshop_title: str,
    course_title: str,
    cpd_hours: Decimal,
    attended_on: date,
) -> None:
    """Queue the certificate of an attended workshop (in the caller's transaction)."""
    outbox_enqueue(
        kind=WORKSHOP_ISSUE_KIND,
        key=f"certificate-issue:workshop:{workshop_id}:{member_id}",
        payload={
            "member_id": member_id,
            "workshop_id": workshop_id,
            "workshop_title": workshop_title,
            "course_title": course_title,
            "cpd_hours": str(cpd_hours),
            "attended_on": attended_on.isoformat(),
        },
    )


def course_certificate_perform(payload: Payload) -> None:
    """The outbox handler: issue the certificate of a completed enrolment."""
    achievement = achievement_for_enrolment(enrolment_id=int(payload["enrolment_id"]))
    if achievement is None:
        raise NothingToDo("The enrolment is not complete, or no longer exists.")
    certificates_issue(achievements=[achievement])


def attendance_certificate_perform(payload: Payload) -> None:
    """The outbox handler: issue the certificate of an attended workshop."""
    certificates_issue(
        achievements=[
            Achievement(
                member_id=int(payload["member_id"]),
                kind=Certificate.Kind.WORKSHOP,
                achievement_id=int(payload["workshop_id"]),
                title=payload["workshop_title"],
                course_title=payload["course_title"],
                cpd_hours=Decimal(payload["cpd_hours"]),
                achieved_on=date.fromisoformat(payload["attended_on"]),
            )
        ]
    )


def _render_queue(certificate_id: int) -> None:
    outbox_enqueue(
        kind=RENDER_KIND, key=f"certificate-render:{certificate_id}", payload={"certificate_id": certificate_id}
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
    transaction, and queue their rendering in it. Returns every
    achievement's certificate, new or existing. Members who no longer exist
    (erased) are skipped."""
    if not achievements:
        return []
    fallback = default_template()
    issued: list[Certificate] = []
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
                _render_queue(certificate.pk)
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


def certificate_render(*, certificate_id: int) -> None:
    """Render the PDF and sign the open credential, once, and queue the email
    in the transaction that stores them. Rendering happens outside any
    transaction; the result is stored only if no other run stored one first.
    Raises NothingToDo for a certificate superseded or erased in the meantime."""
    certificate = Certificate.objects.select_related("template", "member").filter(pk=certificate_id).first()
    if certificate is None or certificate.status == Certificate.Status.SUPERSEDED:
        raise NothingToDo("The certificate no longer exists or was superseded.")
    if certificate.pdf:
        return
    pdf = certificate_pdf(
        certificate_content(certificate),
        template_look(certificate.template, attendance=certificate.kind == Certificate.Kind.WORKSHOP),
    )
    token = credential_sign(certificate)
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if locked is None or locked.pdf or locked.status == Certificate.Status.SUPERSEDED:
            return
        locked.pdf.save(f"certificate-{locked.code}.pdf", ContentFile(pdf), save=False)
        locked.credential_jwt = token
        locked.rendered_at = timezone.now()
        locked.save(update_fields=["pdf", "credential_jwt", "rendered_at"])
        outbox_enqueue(
            kind=EMAIL_KIND, key=f"certificate-email:{certificate_id}", payload={"certificate_id": certificate_id}
        )


def certificate_render_perform(payload: Payload) -> None:
    certificate_render(certificate_id=int(payload["certificate_id"]))


# Paragraphs apps above certificates add to the certificate email (cpd's invitation to evaluate),
# registered in their AppConfig.ready() so certificates imports none of them.
EmailExtra = Callable[[str, int], str]
_email_extras: list[EmailExtra] = []


def certificate_email_extra_register(extra: EmailExtra) -> None:
    """`extra(kind, achievement_id)` returns a paragraph of plain text for the email, or ""."""
    if extra not in _email_extras:
        _email_extras.append(extra)


def certificate_email_message(*, certificate: Certificate) -> EmailMessage:
    """The learner's email with their certificate PDF, read from storage now."""
    member = certificate.member
    context = {
        "certificate": certificate,
        "member": member,
        "site_url": settings.SITE_URL.rstrip("/"),
        "extras": [text for extra in _email_extras if (text := extra(certificate.kind, certificate.achievement_id))],
    }
    message = EmailMessage(
        subject=f"Your certificate: {certificate.title}",
        body=render_to_string("certificates/email/certificate_issued.txt", context),
        to=[member.email],
    )
    with certificate.pdf.open("rb") as handle:
        message.attach(f"i-HOP certificate {certificate.code_display}.pdf", handle.read(), "application/pdf")
    return message


def certificate_email_perform(payload: Payload) -> None:
    """The outbox handler: email a valid certificate with its PDF, and record when."""
    certificate = (
        Certificate.objects.select_related("member")
        .filter(pk=int(payload["certificate_id"]), status=Certificate.Status.VALID)
        .exclude(pdf="")
        .first()
    )
    if certificate is None:
        raise NothingToDo("The certificate was revoked, superseded or erased before it was emailed.")
    email_send(certificate_email_message(certificate=certificate))
    Certificate.objects.filter(pk=certificate.pk).update(emailed_at=timezone.now())


def certificate_revoke(*, certificate_id: int, reason: str, actor: User | None = None) -> Certificate:
    """Revoke a valid certificate with a reason that the verification page shows.

    Raises CertificateError for a missing reason or a certificate that is not valid.
    Writes an audit entry naming `actor` (the administrator), in the same transaction."""
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
        audit_record(actor=actor, action=AuditEntry.Action.CERTIFICATE_REVOKED, target=certificate, reason=reason)
    logger.info("certificate %s revoked", certificate.pk)
    return certificate


def certificate_reissue(*, certificate_id: int, name_printed: str, actor: User | None = None) -> Certificate:
    """Replace a valid certificate with one printed with a corrected name.

    The old certificate becomes "superseded": its printed name, PDF and
    credential are removed, so its code leads to nothing personal. The new
    one keeps the achievement, dates and CPD hours, gets a new code, and is
    rendered and emailed through the outbox. Raises CertificateError. Writes an audit entry
    naming `actor`, in the same transaction."""
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
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CERTIFICATE_REISSUED,
            target=old,
            changes={"status": "superseded", "replaced_by": new.code_display},
        )
        storage = old.pdf.storage
        _render_queue(new.pk)
        if old_pdf_name:
            transaction.on_commit(lambda: storage.delete(old_pdf_name))
    return new
