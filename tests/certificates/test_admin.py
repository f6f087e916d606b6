"""Administrators revoke and reissue in the Wagtail admin; trainers and
administrators design templates, with a PDF preview."""

import pytest
from django.urls import reverse

from accounts.choices import Role
from certificates.models import Certificate, CertificateTemplate
from tests.accounts.factories import MemberFactory
from tests.certificates.pdf_reading import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    return MemberFactory(role=Role.ADMINISTRATOR)


@pytest.fixture
def trainer():
    return MemberFactory(role=Role.TRAINER)


def test_an_administrator_finds_a_certificate_by_code_and_revokes_it_with_a_reason(client, administrator, certificate):
    client.force_login(administrator)

    listing = client.get(reverse("certificates_admin:list"), {"q": certificate.code_display.lower()})
    assert certificate.code_display in listing.content.decode()
    refused = client.post(reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "   "})
    assert refused.status_code == 200
    assert Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.VALID

    response = client.post(
        reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "Completed on a shared account"}
    )

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_reason == "Completed on a shared account"
    again = client.post(reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "Twice"})
    assert "already revoked" in again.content.decode()


def test_an_administrator_reissues_after_a_name_correction(
    client, administrator, certificate, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates_admin:reissue", args=[certificate.pk]), {"name_printed": "Morgan Price-Jones"}
        )

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUPERSEDED
    replacement = certificate.superseded_by
    assert replacement is not None and replacement.name_printed == "Morgan Price-Jones"
    assert replacement.code != certificate.code
    assert replacement.issued_on == certificate.issued_on
    [message] = mailoutbox
    assert "Morgan Price-Jones" in " ".join(pdf_text(message.attachments[0][1]).split())


def test_a_reissue_refuses_a_name_with_a_line_break(client, administrator, certificate):
    client.force_login(administrator)

    response = client.post(
        reverse("certificates_admin:reissue", args=[certificate.pk]), {"name_printed": "Morgan\u200bPrice"}
    )

    assert "line breaks and control characters are not allowed" in response.content.decode()
    assert Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.VALID


def test_trainers_and_learners_cannot_revoke(client, trainer, certificate):
    for person in (trainer, certificate.member):
        client.force_login(person)
        response = client.post(reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "No"})
        assert response.status_code in {302, 404}  # staff pages do not exist for those who may not use them
    assert Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.VALID


def test_a_trainer_edits_a_template_and_previews_it_as_a_pdf_with_a_sample(client, trainer):
    template = CertificateTemplate.objects.create(name="House style", signatory_name="Dr Ada Clarke")
    client.force_login(trainer)

    edit = client.get(reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk]))
    assert edit.status_code == 200
    preview_url = reverse("wagtailsnippets_certificates_certificatetemplate:preview_on_edit", args=[template.pk])
    form = {
        "name": "House style",
        "title": "Certificate of achievement",
        "wording": "has completed the course",
        "attendance_title": "Certificate of attendance",
        "attendance_wording": "attended the workshop",
        "signatory_name": "Dr Ada Clarke",
        "signatory_role": "Head of learning",
        "primary_colour": "#1d4f91",
        "accent_colour": "#c2410c",
    }
    assert client.post(preview_url, form).json()["is_valid"]
    preview = client.get(preview_url)

    assert preview["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(preview.content).split())
    assert "Certificate of achievement" in text and "Sam Sample-Learner" in text and "Head of learning" in text


def test_a_template_refuses_a_colour_that_is_not_a_colour(client, trainer):
    client.force_login(trainer)

    response = client.post(
        reverse("wagtailsnippets_certificates_certificatetemplate:add"),
        {
            "name": "Bad",
            "title": "T",
            "wording": "w",
            "attendance_title": "A",
            "attendance_wording": "a",
            "primary_colour": "#zzzzzz",
            "accent_colour": "#c2410c",
        },
    )

    assert response.status_code == 200
    assert "six hexadecimal digits" in response.content.decode()
    assert not CertificateTemplate.objects.exists()
    assert (
        client.post(
            reverse("wagtailsnippets_certificates_certificatetemplate:add"),
            {"name": "Bad", "primary_colour": "red;}</style>"},
        ).status_code
        == 200
    )
    assert not CertificateTemplate.objects.exists()
