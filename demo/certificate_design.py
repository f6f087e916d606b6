"""Demo certificate design: the house template, used by the demo course (idempotent)."""

from django.db import transaction

from certificates.models import CertificateTemplate, CourseCertificateSettings
from courses.models import CoursePage
from demo.course_content import COURSE


@transaction.atomic
def demo_certificate_design_seed() -> CertificateTemplate:
    template, _ = CertificateTemplate.objects.get_or_create(
        name="i-HOP house style",
        defaults={
            "title": "Certificate of completion",
            "wording": "has completed the i-HOP online course",
            "attendance_title": "Certificate of attendance",
            "attendance_wording": "attended the i-HOP workshop",
            "signatory_name": "i-HOP service manager",
            "signatory_role": "Barnardo's, in partnership with POPS",
            "is_default": not CertificateTemplate.objects.filter(is_default=True).exists(),
        },
    )
    course = CoursePage.objects.filter(slug=COURSE["slug"]).first()
    if course is not None:
        CourseCertificateSettings.objects.get_or_create(course=course, defaults={"template": template})
    return template
