"""Production refuses to start without a usable credential signing key."""

from tests.certificates.keys import throwaway_signing_key_pem
from tests.test_production_settings import GOOD_ENV, manage


def test_production_refuses_to_start_without_a_signing_key():
    env = {key: value for key, value in GOOD_ENV.items() if key != "CERTIFICATES_SIGNING_KEY"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "Set the CERTIFICATES_SIGNING_KEY environment variable" in result.stderr


def test_production_refuses_a_key_that_is_not_an_ec_p256_private_key():
    result = manage("check", env={**GOOD_ENV, "CERTIFICATES_SIGNING_KEY": "-----BEGIN PRIVATE KEY-----\nnope\n"})

    assert result.returncode != 0
    assert "certificates.E001" in result.stderr


def test_production_starts_with_a_key_given_in_the_environment():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**GOOD_ENV, "CERTIFICATES_SIGNING_KEY": throwaway_signing_key_pem()},
    )

    assert result.returncode == 0, result.stderr
