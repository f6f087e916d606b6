"""A content host beside the platform cannot swap the learner's session.

The platform on https://app.ihop.test and package content on
https://scorm.ihop.test, two sibling host names of one site (Chromium maps
both to the live server through --host-resolver-rules), served over TLS so
Secure cookies behave as in production. Content script sets a session
cookie for the parent domain, as a hostile package could, carrying the
attacker's own session. With the production `__Host-` cookie the browser
refuses it and the learner stays themselves; the control, with the
unprefixed cookie name the development settings use, shows the toss signing
the learner in as the attacker."""

import datetime
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import Client
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from playwright.sync_api import Browser

from tests.accounts.factories import PASSWORD, MemberFactory
from tests.conftest import CHROMIUM
from tests.e2e.conftest import AccessiblePage, watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTS = ["app.ihop.test", "scorm.ihop.test"]


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ihop.test")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host) for host in HOSTS]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


class _HttpsHandler(QuietWSGIRequestHandler):
    def get_environ(self) -> dict[str, str]:
        environ = super().get_environ()
        environ["HTTPS"] = "on"  # so Django sees the request as secure, as behind the production proxy
        return environ


class _TlsServerThread(LiveServerThread):
    tls: ssl.SSLContext

    def _create_server(self, connections_override=None):  # type: ignore[no-untyped-def]
        tls = self.tls

        class TlsServer(ThreadedWSGIServer):
            def get_request(self):  # type: ignore[no-untyped-def]
                sock, address = super().get_request()
                return tls.wrap_socket(sock, server_side=True), address

        return TlsServer((self.host, self.port), _HttpsHandler, allow_reuse_address=False, connections_override=None)


@pytest.fixture
def tls_server(transactional_db: None, tmp_path: Path) -> Iterator[int]:
    """A threaded live server on 127.0.0.1 speaking TLS; its port."""
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(*self_signed(tmp_path))
    thread = _TlsServerThread("127.0.0.1", static_handler=StaticFilesHandler, port=0)
    thread.tls = tls
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    try:
        yield thread.port
    finally:
        thread.terminate()


@pytest.fixture
def sibling_hosts_browser(browser: Browser) -> Iterator[Browser]:
    mapped = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP *.ihop.test 127.0.0.1"],
    )
    yield mapped
    mapped.close()


CONTENT_PAGE = (
    '<!doctype html><html lang="en"><head><title>Package</title></head>'
    "<body><main><p>A package page.</p></main></body></html>"
)


@pytest.mark.parametrize(("cookie_name", "toss_succeeds"), [("__Host-sessionid", False), ("sessionid", True)])
def test_a_sibling_content_host_cannot_swap_the_learners_session(
    tls_server, sibling_hosts_browser, settings, cookie_name, toss_succeeds
):
    settings.SESSION_COOKIE_NAME = cookie_name
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    app, content = (f"https://{host}:{tls_server}" for host in HOSTS)
    settings.SITE_URL, settings.SCORM_CONTENT_ORIGIN = app, content
    learner = MemberFactory(full_name="Learner Victim")
    attacker = Client()
    attacker.force_login(MemberFactory(full_name="Attacker Account"))
    attacker_session = attacker.cookies[cookie_name].value

    context = sibling_hosts_browser.new_context(ignore_https_errors=True, viewport={"width": 1024, "height": 800})
    visitor = AccessiblePage(context.new_page(), watch_csp(context))
    page = visitor.page
    visitor.goto(app + "/account/login/")
    page.get_by_label("Email", exact=True).fill(learner.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(app + "/account/")
    visitor.check()

    # A page on the content host (its own files, whatever they are) runs script that tosses cookies.
    context.route(content + "/**", lambda route: route.fulfill(status=200, content_type="text/html", body=CONTENT_PAGE))
    visitor.goto(content + "/scorm-content/package/index.html")
    page.evaluate(
        """(session) => {
            for (const name of ["__Host-sessionid", "sessionid"]) {
                document.cookie = `${name}=${session}; Domain=ihop.test; Path=/; Secure; SameSite=Lax`;
            }
        }""",
        attacker_session,
    )

    visitor.goto(app + "/account/")
    shown = page.content()
    if toss_succeeds:  # the control: an unprefixed cookie for the parent domain wins
        assert "Attacker Account" in shown and "Learner Victim" not in shown
    else:
        assert "Learner Victim" in shown and "Attacker Account" not in shown
    context.close()
    assert visitor.unchecked_pages() == []
