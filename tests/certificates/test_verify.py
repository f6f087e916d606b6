"""/verify/: a status banner first, then only what the certificate says; rate-limited."""

import re
import time
from datetime import date

import pytest
from django.urls import reverse

from certificates.codes import code_display, code_generate
from certificates.models import Certificate
from certificates.services import certificate_reissue, certificate_revoke

pytestmark = pytest.mark.django_db


def banner(response) -> str:
    html = response.content.decode()
    match = re.search(r'<h2 class="govuk-heading-m" id="status-heading">(.*?)</h2>', html)
    assert match, html
    return match[1]


def test_a_valid_certificate_shows_valid_then_what_it_says_and_nothing_else_about_the_person(client, certificate):
    response = client.get(certificate.verify_path)

    assert response.status_code == 200
    assert banner(response) == "This certificate is valid"
    html = response.content.decode()
    assert html.index("This certificate is valid") < html.index("Morgan Price")
    for shown in [
        "Morgan Price",
        "Supporting children of prisoners",
        "14 March 2026",
        "1.5",
        "i-HOP (Barnardo&#x27;s)",
    ]:
        assert shown in html
    member = certificate.member
    for private in [member.email, member.organisation, member.job_role]:
        assert private not in html
    assert "Signature checked against our published key" in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_form_takes_a_typed_code_and_goes_to_its_page(client, certificate):
    typed = certificate.code_display.lower().replace("-", " ")

    response = client.get(reverse("certificates:verify_form"), {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == certificate.verify_path


def test_the_form_explains_a_code_that_cannot_be_one(client):
    response = client.get(reverse("certificates:verify_form"), {"code": "hello"})

    assert response.status_code == 400
    assert "That is not a certificate code" in response.content.decode()


def test_an_expired_certificate_says_so(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=date(2026, 3, 15))

    response = client.get(certificate.verify_path)

    assert banner(response) == "This certificate has expired"
    assert "valid until 15 March 2026" in response.content.decode()


def test_a_revoked_certificate_shows_the_reason(client, certificate):
    certificate_revoke(certificate_id=certificate.pk, reason="Issued to the wrong learner")

    response = client.get(certificate.verify_path)

    assert banner(response) == "This certificate has been revoked"
    assert "Reason: Issued to the wrong learner" in response.content.decode()


def test_a_superseded_certificate_points_to_nothing_personal(client, certificate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        replacement = certificate_reissue(certificate_id=certificate.pk, name_printed="Morgan Price-Jones")

    old = client.get(certificate.verify_path)
    new = client.get(replacement.verify_path)

    assert banner(old) == "This certificate has been superseded by a reissue"
    html = old.content.decode()
    assert "Morgan" not in html
    assert replacement.code_display not in html
    certificate.refresh_from_db()
    assert certificate.name_printed == "" and not certificate.pdf and certificate.credential_jwt == ""
    assert banner(new) == "This certificate is valid"
    assert "Morgan Price-Jones" in new.content.decode()


def test_an_unknown_code_is_not_found(client):
    response = client.get("/verify/0000-0000-0000-0000/")

    assert response.status_code == 404
    assert banner(response) == "No certificate has this code"


def test_the_page_reads_the_certificate_in_one_query(client, certificate, django_assert_num_queries):
    client.get("/verify/0000-0000-0000-0000/")  # the layout's menu and footer are cached from here on

    with django_assert_num_queries(1):
        client.get(certificate.verify_path)


def test_ten_thousand_random_codes_find_nothing_and_get_rate_limited(client, certificate, settings):
    settings.CERTIFICATES_VERIFY_WINDOW_SECONDS = 24 * 3600  # one window for the whole run
    codes = [code_display(code_generate()) for _ in range(10_000)]
    assert not Certificate.objects.filter(code__in=[code.replace("-", "") for code in codes]).exists()

    started = time.time()
    statuses = [client.get(f"/verify/{code}/").status_code for code in codes]
    windows = int(time.time() // 86400) - int(started // 86400) + 1

    allowed = settings.CERTIFICATES_VERIFY_LIMIT
    assert set(statuses) == {404, 429}, "no random code found a certificate"
    assert statuses[:allowed] == [404] * allowed
    assert statuses.count(404) <= allowed * windows
    # Once limited, even a real code is refused until the window passes.
    limited = client.get(certificate.verify_path)
    assert limited.status_code == 429
    assert "Too many attempts" in limited.content.decode()


def test_the_limit_is_per_client(client, certificate, settings):
    for _ in range(settings.CERTIFICATES_VERIFY_LIMIT + 1):
        client.get("/verify/0000-0000-0000-0000/", REMOTE_ADDR="203.0.113.9")

    assert client.get(certificate.verify_path, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert client.get(certificate.verify_path, REMOTE_ADDR="198.51.100.4").status_code == 200


def test_the_form_counts_towards_the_same_limit(client, settings):
    for _ in range(settings.CERTIFICATES_VERIFY_LIMIT):
        client.get(reverse("certificates:verify_form"), {"code": code_display(code_generate())})

    response = client.get(reverse("certificates:verify_form"), {"code": code_display(code_generate())})

    assert response.status_code == 429
    assert client.get(reverse("certificates:verify_form")).status_code == 200, "the empty form itself is not counted"
