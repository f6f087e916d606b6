"""Open Badges 3.0: the credential validates against the official schema and
is signed with the key published at /.well-known/jwks.json."""

import json
from pathlib import Path

import jwt
import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.selectors import certificate_verify
from certificates.signing import private_key_from_pem, private_key_pem_generate
from tests.services import PROJECT_DIR

SCHEMA = PROJECT_DIR.parent / "shared" / "fixtures" / "openbadges" / "achievementcredential.schema.json"

pytestmark = pytest.mark.django_db


def payload(certificate: Certificate) -> dict:
    return jwt.decode(certificate.credential_jwt, options={"verify_signature": False})


def test_the_credential_validates_against_the_open_badges_3_schema(certificate):
    if not Path(SCHEMA).exists():
        pytest.skip(f"the Open Badges schema fixture is absent ({SCHEMA}); see ../shared/fixtures/README.md")
    import jsonschema

    schema = json.loads(Path(SCHEMA).read_text())
    credential = payload(certificate)

    jsonschema.validate(credential, schema, cls=jsonschema.Draft201909Validator)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    subject = credential["credentialSubject"]
    assert subject["achievement"]["name"] == "Supporting children of prisoners"
    assert subject["achievement"]["criteria"]["narrative"]
    assert subject["achievement"]["description"]
    assert subject["identifier"][0]["identityHash"] == "Morgan Price"
    assert credential["issuer"]["name"] == "i-HOP (Barnardo's)"
    assert credential["validFrom"] == "2026-03-14T00:00:00Z"
    assert credential["id"] == certificate.verify_url


def test_an_expiring_certificate_has_valid_until(certificate, member, course, django_capture_on_commit_callbacks):
    if not Path(SCHEMA).exists():
        pytest.skip(f"the Open Badges schema fixture is absent ({SCHEMA})")
    import jsonschema

    from certificates.services import certificates_issue
    from tests.certificates.conftest import workshop_achievement

    achievement = workshop_achievement(member)
    achievement = type(achievement)(**{**achievement.__dict__, "expiry_months": 12})
    with django_capture_on_commit_callbacks(execute=True):
        [workshop_certificate] = certificates_issue(achievements=[achievement])
    workshop_certificate.refresh_from_db()
    credential = payload(workshop_certificate)

    jsonschema.validate(credential, json.loads(Path(SCHEMA).read_text()), cls=jsonschema.Draft201909Validator)
    assert credential["validUntil"] == "2027-05-02T00:00:00Z"
    assert credential["exp"] > credential["nbf"]


def test_the_signature_checks_out_with_the_published_jwks(client, certificate):
    keys = client.get(reverse("certificates:jwks")).json()
    header = jwt.get_unverified_header(certificate.credential_jwt)

    [key] = [entry for entry in keys["keys"] if entry["kid"] == header["kid"]]
    decoded = jwt.decode(certificate.credential_jwt, jwt.PyJWK.from_dict(key).key, algorithms=["ES256"])

    assert header["alg"] == "ES256" and header["typ"] == "vc+jwt"
    assert decoded["iss"] == decoded["issuer"]["id"]
    assert "d" not in key, "the JWKS must not publish the private part"


def test_a_credential_signed_with_another_key_fails_verification(certificate):
    forged_key = private_key_from_pem(private_key_pem_generate())
    real_header = jwt.get_unverified_header(certificate.credential_jwt)
    forged = jwt.encode(payload(certificate), forged_key, algorithm="ES256", headers={"kid": real_header["kid"]})
    Certificate.objects.filter(pk=certificate.pk).update(credential_jwt=forged)

    verification = certificate_verify(code=certificate.code)

    assert not verification.credential_checked
    assert "signature does not check out" in verification.credential_error


def test_a_credential_altered_after_signing_fails_verification(client, certificate):
    header, _body, signature = certificate.credential_jwt.split(".")
    claims = payload(certificate)
    claims["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    altered_body = jwt.utils.base64url_encode(json.dumps(claims).encode()).decode()
    Certificate.objects.filter(pk=certificate.pk).update(credential_jwt=f"{header}.{altered_body}.{signature}")

    html = client.get(certificate.verify_path).content.decode()

    assert "signature does not check out" in html


def test_the_verification_page_shows_revocation_beside_a_good_signature(client, certificate):
    from certificates.services import certificate_revoke

    certificate_revoke(certificate_id=certificate.pk, reason="Issued in error")

    html = client.get(certificate.verify_path).content.decode()

    assert "Signature checked against our published key" in html
    assert "but the certificate is revoked" in html


def test_after_a_key_rotation_credentials_signed_with_the_old_key_still_verify(client, certificate, settings):
    from cryptography.hazmat.primitives import serialization

    from certificates.signing import signing_key

    old_public = (
        signing_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    settings.CERTIFICATES_SIGNING_KEY = private_key_pem_generate()  # the new key signs from now on
    settings.CERTIFICATES_PREVIOUS_PUBLIC_KEYS = [old_public.replace("\n", "\\n")]

    published = client.get(reverse("certificates:jwks")).json()["keys"]
    verification = certificate_verify(code=certificate.code)

    assert len(published) == 2
    assert jwt.get_unverified_header(certificate.credential_jwt)["kid"] in [key["kid"] for key in published]
    assert verification.credential_checked, verification.credential_error

    settings.CERTIFICATES_PREVIOUS_PUBLIC_KEYS = []  # the old key withdrawn: its credentials no longer verify
    assert not certificate_verify(code=certificate.code).credential_checked
