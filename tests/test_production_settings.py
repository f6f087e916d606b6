"""Production settings refuse to start half-configured and pass Django's deploy checks."""

import os
import subprocess
import sys

from tests.certificates.keys import throwaway_signing_key_pem
from tests.services import PROJECT_DIR

GOOD_ENV = {
    "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-" + "x" * 30,
    "ALLOWED_HOSTS": "learning.i-hop.example",
    "DATABASE_URL": "postgres://ihop@127.0.0.1:5432/ihop",
    "CERTIFICATES_SIGNING_KEY": throwaway_signing_key_pem(),
}


def _python(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # The browser tests allow Django's ORM beside Playwright's event loop in this
    # process; that must not leak into a production check.
    inherited = set(GOOD_ENV) | {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in inherited}
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT_DIR, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _python("manage.py", *args, env=env)


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=GOOD_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_each_required_setting():
    for missing in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
        env = {key: value for key, value in GOOD_ENV.items() if key != missing}

        result = manage("check", env=env)

        assert result.returncode != 0, f"started without {missing}"
        assert f"Set the {missing} environment variable" in result.stderr


def test_production_cookies_are_host_only_and_cannot_be_tossed_by_a_sibling_host():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.ACCOUNTS_KNOWN_DEVICE_COOKIE, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_PATH, s.CSRF_COOKIE_PATH, "
        "s.SESSION_COOKIE_DOMAIN, s.CSRF_COOKIE_DOMAIN)"
    )
    result = manage("shell", "-c", code, env=GOOD_ENV)

    assert result.stdout.split()[-9:] == [
        "__Host-sessionid", "__Host-csrftoken", "__Host-known_device", "True", "True", "/", "/", "None", "None"
    ]  # fmt: skip


def test_the_deploy_check_warns_when_content_shares_the_platforms_site():
    same_site = {**GOOD_ENV, "SITE_URL": "https://app.example.org", "SCORM_CONTENT_ORIGIN": "https://scorm.example.org"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=same_site)

    assert result.returncode != 0
    assert "scorm.W001" in result.stderr + result.stdout


def test_collectstatic_with_the_production_storage_finds_every_file_a_file_names(tmp_path):
    """The Docker build's collectstatic: the manifest storage follows each stylesheet's and
    script's references (url(), source maps) and refuses a file that names one missing.
    Django's manifest storage alone, without whitenoise's compressing (a minute more)."""
    boot = (
        "import sys; import elearning.settings.production as production; production.STATIC_ROOT = sys.argv[1]; "
        "production.STORAGES['staticfiles'] = "
        "{'BACKEND': 'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'}; "
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('collectstatic', '--noinput', verbosity=0)"
    )
    result = _python("-c", boot, str(tmp_path), env=GOOD_ENV)

    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()
