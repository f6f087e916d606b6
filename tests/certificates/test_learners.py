"""My certificates: each with its PDF, a share link, "Add to LinkedIn", and the open
credential; never another learner's."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from certificates.services import certificate_revoke
from tests.accounts.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_my_certificates(client, certificate):
    client.force_login(certificate.member)

    html = client.get(reverse("accounts:dashboard")).content.decode()

    assert "My certificates" in html
    assert "Supporting children of prisoners" in html
    assert reverse("certificates:mine") in html


def test_my_certificates_offers_the_pdf_share_link_linkedin_and_credential(client, certificate):
    client.force_login(certificate.member)

    response = client.get(reverse("certificates:mine"))

    html = response.content.decode()
    assert reverse("certificates:pdf", args=[certificate.pk]) in html
    assert reverse("certificates:credential", args=[certificate.pk]) in html
    assert f'value="{certificate.verify_url}"' in html
    linkedin = next(
        part.split('"')[0] for part in html.split('href="') if part.startswith("https://www.linkedin.com/profile/add")
    )
    fields = parse_qs(urlsplit(linkedin.replace("&amp;", "&")).query)
    assert fields["startTask"] == ["CERTIFICATION_NAME"]
    assert fields["name"] == ["Supporting children of prisoners"]
    assert fields["organizationName"] == ["i-HOP (Barnardo's)"]
    assert fields["issueYear"] == ["2026"] and fields["issueMonth"] == ["3"]
    assert fields["certUrl"] == [certificate.verify_url]
    assert fields["certId"] == [certificate.code_display]


def test_i_can_download_my_pdf_and_credential(client, certificate):
    client.force_login(certificate.member)

    pdf = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    credential = client.get(reverse("certificates:credential", args=[certificate.pk]))

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert "attachment" in pdf["Content-Disposition"]
    assert credential.status_code == 200
    assert credential.content.decode() == certificate.credential_jwt
    assert credential["Cache-Control"] == "private, no-store"


def test_another_learner_cannot_reach_my_certificate_pdf_or_credential(client, certificate):
    client.force_login(MemberFactory())

    assert client.get(reverse("certificates:pdf", args=[certificate.pk])).status_code == 404
    assert client.get(reverse("certificates:credential", args=[certificate.pk])).status_code == 404
    html = client.get(reverse("certificates:mine")).content.decode()
    assert certificate.code_display not in html
    assert "You have no certificates yet" in html


def test_a_revoked_certificate_shows_why_and_is_not_offered_to_linkedin(client, certificate):
    certificate_revoke(certificate_id=certificate.pk, reason="Course requirements were not met")
    client.force_login(certificate.member)

    html = client.get(reverse("certificates:mine")).content.decode()

    assert "Revoked: Course requirements were not met" in html
    assert "linkedin.com" not in html


def test_my_certificates_are_in_my_data_export(client, certificate):
    client.force_login(certificate.member)

    data = client.get(reverse("accounts:data_export")).json()

    assert data["certificates"][0]["code"] == certificate.code_display


def test_erasing_my_account_erases_my_certificates_and_their_files(certificate, django_capture_on_commit_callbacks):
    from accounts.services import member_erase

    storage, name = certificate.pdf.storage, certificate.pdf.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        member_erase(member=certificate.member)

    assert not storage.exists(name)


def test_my_certificates_page_costs_the_same_queries_for_one_or_many(
    client, member, course, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from certificates.services import certificates_issue
    from tests.certificates.conftest import workshop_achievement

    client.force_login(member)
    client.get(reverse("certificates:mine"))  # warm the layout's cache
    with django_capture_on_commit_callbacks(execute=True):
        certificates_issue(achievements=[workshop_achievement(member, workshop_id=1)])
    response = client.get(reverse("certificates:mine"))
    # The member, their certificates, and the layout's two permission lookups (Wagtail's user bar).
    with django_assert_num_queries(4) as one:
        client.get(reverse("certificates:mine"))

    with django_capture_on_commit_callbacks(execute=True):
        certificates_issue(achievements=[workshop_achievement(member, workshop_id=n) for n in range(2, 7)])
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("certificates:mine"))
    assert response.content.decode().count("Download the PDF") == 6
