"""The suite's CSP watch can fail a test: a page that breaks its policy is seen.
(A synthetic page, not one of ours, so it has no accessibility check.)"""

import pytest
from playwright.sync_api import Browser

from tests.e2e.conftest import watch_csp

pytestmark = pytest.mark.browser

INLINE = (
    '<!doctype html><html lang="en"><head><title>t</title></head>'
    '<body><script>document.title = "ran"</script></body></html>'
)


@pytest.mark.parametrize("header", ["Content-Security-Policy", "Content-Security-Policy-Report-Only"])
def test_an_inline_script_under_the_platform_policy_is_reported(browser: Browser, live_server, header):
    context = browser.new_context()
    violations = watch_csp(context)
    page = context.new_page()
    policy = "script-src 'self'; object-src 'none'"
    page.route(
        "**/csp-probe/", lambda route: route.fulfill(body=INLINE, content_type="text/html", headers={header: policy})
    )

    page.goto(live_server.url + "/csp-probe/")
    page.wait_for_timeout(200)  # the event is dispatched after the script is refused
    context.close()

    assert len(violations) == 1 and violations[0].startswith("script-src")
