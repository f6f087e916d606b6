import pytest
from django.core.management import call_command

from certificates.models import CertificateTemplate, CourseCertificateSettings


@pytest.mark.django_db
def test_seeding_twice_gives_one_default_template_used_by_the_demo_course():
    call_command("seed_demo", allow_production=True)
    call_command("seed_demo", allow_production=True)

    [template] = CertificateTemplate.objects.all()
    assert template.is_default
    assert CourseCertificateSettings.objects.get().template == template
