"""An e-news issue's life in headless Chromium, with a real worker process and a real SMTP sink:
an administrator writes an issue in Wagtail's page editor, publishes it, previews the email,
sends themselves a test and sends it to members; every member who consented receives it once,
with both one-click unsubscribe headers (RFC 8058) naming their own link; one member leaves with a
single POST to that link, as a mail client sends it, and receives nothing from the next issue."""

import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from email.message import Message

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from accounts.choices import Role
from accounts.models import EnewsConsentChange, User
from demo.members import DEMO_PASSWORD
from enews.models import EnewsIssuePage, EnewsSend
from enews.selectors import delivery_key_prefix
from enews.services import enews_schedule, unsubscribe_token_read
from outbox.models import OutboxItem
from tests.accounts.factories import PASSWORD, MemberFactory
from tests.conftest import worker_process
from tests.e2e.conftest import PHONE, AccessiblePage, sign_in, wait_for_admin_messages, watch_csp
from tests.enews.factories import enews_index, make_issue
from tests.services import SmtpSink, WorkerProcess, message_text

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

ADMIN = "admin@example.org"
TITLE = "December 2026: news for professionals"
INTRO = "What is new for professionals who support the children of prisoners."
HEADING = "Family days at Christmas"
NEWS_TEXT = "Family days at three prisons are booking up: tell the families you work with."
SECOND_TITLE = "January 2027: news for professionals"


@pytest.fixture
def worker(live_server, smtp_sink: SmtpSink, settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[WorkerProcess]:
    """The celery_worker fixture's real worker process, started once the live server's address is
    known, so the links it writes into each message (SITE_URL) lead to this live server."""
    settings.SITE_URL = live_server.url
    monkeypatch.setenv("SITE_URL", live_server.url)
    with worker_process(smtp_sink) as started:
        yield started


def wait_until(condition: Callable[[], bool], *, timeout: float = 30.0, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.05)


def all_sent(issue: EnewsIssuePage, count: int) -> Callable[[], bool]:
    """The issue's send has queued `count` messages and none is still waiting (nothing more will come)."""

    def done() -> bool:
        items = OutboxItem.objects.filter(key__startswith=delivery_key_prefix(issue.pk))
        return items.count() == count and not items.exclude(status=OutboxItem.Status.SENT).exists()

    return done


def with_subject(messages: list[Message], subject: str) -> list[Message]:
    return [message for message in messages if " ".join(str(message["Subject"]).split()) == subject]


def html_of(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("the message has no text/html part")


def unsubscribe_link(message: Message) -> str:
    header = " ".join(str(message["List-Unsubscribe"]).split())
    match = re.fullmatch(r"<(https?://\S+/e-news/unsubscribe/[^/\s]+/)>", header)
    assert match, header
    return match.group(1)


def one_click_post(url: str) -> int:
    """What a mail client sends for RFC 8058: a POST with the one field, no cookies, no CSRF token."""
    request = urllib.request.Request(
        url,
        data=b"List-Unsubscribe=One-Click",
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(response.status)


def admin_writes_and_publishes(browser: Browser, base: str, index_pk: int) -> EnewsIssuePage:
    """The administrator writes the issue in Wagtail's page editor and publishes it. The editor
    fails axe on Wagtail's own rich-text widget (Draftail's contenteditable has no accessible
    name), so this is a plain page in its own context, as admin_inserts_block_and_publishes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    violations = watch_csp(context)
    page = context.new_page()
    page.goto(base + "/account/login/")
    page.get_by_label("Email", exact=True).fill(ADMIN)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/account/")
    page.goto(f"{base}/cms/pages/{index_pk}/")
    page.get_by_role("link", name="Add child page").click()
    # The listing takes only issues, so Wagtail goes straight to the issue's form.
    page.wait_for_url(f"{base}/cms/pages/add/enews/enewsissuepage/{index_pk}/")
    page.get_by_role("textbox", name="Title").first.fill(TITLE)
    page.get_by_role("textbox", name="Intro").fill(INTRO)
    page.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="News item").click()
    news = page.get_by_role("region", name=re.compile(r"^News item"))
    news.get_by_role("textbox", name="Heading").fill(HEADING)
    news.locator("[contenteditable='true']").click()
    page.keyboard.type(NEWS_TEXT)
    # Draftail copies what was typed into the form's hidden field a moment later; a Publish before
    # then sends the text as it was (empty), so publish once the field has it.
    expect(news.locator("input[name$='-value-text']")).to_have_value(re.compile(re.escape(NEWS_TEXT)))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"{base}/cms/pages/{index_pk}/")
    issue = EnewsIssuePage.objects.get(title=TITLE)
    # The issue's page header in the editor leads to its Send page.
    page.goto(f"{base}/cms/pages/{issue.pk}/edit/")
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Send or schedule").click()
    page.wait_for_url(f"{base}/cms/enews/{issue.pk}/")
    context.close()
    assert violations == [], "Content-Security-Policy violations in the admin:\n" + "\n".join(violations)
    return issue


def member_page(browser: Browser) -> AccessiblePage:
    context = browser.new_context(viewport=PHONE)
    return AccessiblePage(context.new_page(), watch_csp(context))


def check_on_phone(member: AccessiblePage) -> None:
    member.check()
    member.assert_fits(PHONE["width"])


def figures_on(page: Page) -> dict[str, str]:
    figures = page.locator("dl.enews-figures")
    terms = figures.locator("dt").all_inner_texts()
    values = figures.locator("dd").all_inner_texts()
    return dict(zip(terms, values, strict=True))


def test_an_administrator_writes_previews_tests_and_sends_an_issue_and_one_member_leaves_with_one_click(
    live_server, worker: WorkerProcess, smtp_sink: SmtpSink, request: pytest.FixtureRequest
):
    base = live_server.url
    MemberFactory(email=ADMIN, full_name="Jo Administrator", password=DEMO_PASSWORD, role=Role.ADMINISTRATOR)
    readers = [
        MemberFactory(email=f"reader{number}@example.org", enews_consent_at=timezone.now()) for number in range(3)
    ]
    leaver = readers[0]
    not_asked = MemberFactory(email="not-asked@example.org")
    index = enews_index()
    # The browser is asked for once the data is in place.
    admin: AccessiblePage = request.getfixturevalue("accessible_page")
    browser: Browser = request.getfixturevalue("browser")

    issue = admin_writes_and_publishes(browser, base, index.pk)
    assert issue.live and not issue.has_unpublished_changes
    assert issue.get_parent().pk == index.pk
    [block] = issue.body
    assert block.block_type == "news" and block.value["heading"] == HEADING
    assert NEWS_TEXT in block.value["text"].source

    # The Send page, from the admin's E-news menu item.
    page = admin.page
    sign_in(admin, base, ADMIN)
    admin.goto(base + "/cms/")
    page.get_by_role("link", name="E-news").click()
    page.wait_for_url(base + "/cms/enews/")
    admin.check()
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"{base}/cms/enews/{issue.pk}/")
    admin.check()

    # The preview opens in a tab of its own: the email as the administrator would receive it.
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview the email as you would receive it").click()
    preview = AccessiblePage(opened.value, admin.csp_violations)
    preview.page.wait_for_load_state("load")
    assert preview.page.url == f"{base}/cms/enews/{issue.pk}/preview/"
    preview.check()
    expect(preview.page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(preview.page.get_by_role("heading", name=HEADING)).to_be_visible()
    expect(preview.page.get_by_text(NEWS_TEXT)).to_be_visible()
    assert preview.unchecked_pages() == []
    preview.page.close()

    # A test goes to the administrator alone.
    page.get_by_role("button", name="Send me a test").click()
    page.get_by_text(f"A test is on its way to {ADMIN}.").wait_for()
    wait_for_admin_messages(page)
    admin.check()
    [test] = smtp_sink.wait_for(1, to=ADMIN)
    assert test["X-Envelope-To"] == ADMIN
    assert with_subject([test], TITLE) == [test]
    assert HEADING in html_of(test) and NEWS_TEXT in message_text(test)
    assert smtp_sink.messages == [test], "the test went to the administrator only"
    assert not EnewsSend.objects.filter(issue=issue).exists(), "a test is not a send"

    # Now to every member who asked for the e-news.
    page.get_by_role("button", name="Send to members").click()
    page.get_by_text(f"“{TITLE}” is being sent to every member who asked for the e-news.").wait_for()
    wait_for_admin_messages(page)
    admin.check()
    wait_until(all_sent(issue, len(readers)), what="the worker has sent the issue to every reader")
    for reader in readers:
        [received] = smtp_sink.messages_to(reader.email)
        assert received["X-Envelope-To"] == reader.email
        assert with_subject([received], TITLE) == [received]
        assert " ".join(str(received["List-Unsubscribe-Post"]).split()) == "List-Unsubscribe=One-Click"
        link = unsubscribe_link(received)
        assert link.startswith(base + "/e-news/unsubscribe/")
        assert unsubscribe_token_read(link.rstrip("/").rsplit("/", 1)[1]) == (reader.pk, issue.pk), "their own"
        assert link in message_text(received) and link in html_of(received)
    links = {reader.email: unsubscribe_link(smtp_sink.messages_to(reader.email)[0]) for reader in readers}
    assert len(set(links.values())) == len(readers), "each member has a link of their own"
    assert smtp_sink.messages_to(not_asked.email) == []
    assert len(smtp_sink.messages_to(ADMIN)) == 1, "the administrator, who did not ask, has only the test"

    # The administrator's Send page shows the figures.
    admin.goto(f"{base}/cms/enews/{issue.pk}/")
    assert page.get_by_text(re.compile(r"^Sent: started ")).is_visible()
    figures = figures_on(page)
    assert figures["Members targeted"] == "3"
    assert figures["Sent"] == "3"
    assert figures["Unsubscribed from this issue"] == "0"

    # A member opens the web version from their email, signed out: they sign in, then read it.
    [leavers_copy] = smtp_sink.messages_to(leaver.email)
    web_version = re.search(r'href="([^"]+)"[^>]*>Read this issue on the site<', html_of(leavers_copy))
    assert web_version, html_of(leavers_copy)
    assert web_version.group(1) == base + issue.url
    member = member_page(browser)
    member.page.goto(web_version.group(1))
    member.page.wait_for_url(re.compile(r"/account/login/\?next="))
    check_on_phone(member)
    member.page.get_by_label("Email", exact=True).fill(leaver.email)
    member.page.get_by_label("Password", exact=True).fill(PASSWORD)
    member.page.get_by_role("button", name="Sign in").click()
    member.page.wait_for_url(base + issue.url)
    check_on_phone(member)
    expect(member.page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(member.page.get_by_role("heading", name=HEADING)).to_be_visible()
    expect(member.page.get_by_text(NEWS_TEXT)).to_be_visible()

    # Opening the unsubscribe link in a browser only asks; a changed link does nothing.
    link = links[leaver.email]
    member.page.goto(link)
    check_on_phone(member)
    expect(member.page.get_by_role("heading", name="Stop the e-news", level=1)).to_be_visible()
    expect(member.page.get_by_role("button", name="Stop the e-news")).to_be_visible()
    leaver.refresh_from_db()
    assert leaver.enews_consent
    token = link.rstrip("/").rsplit("/", 1)[1]
    tampered = link.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    response = member.page.goto(tampered)
    assert response is not None and response.status == 400
    check_on_phone(member)
    expect(member.page.get_by_role("heading", name="This link does not work", level=1)).to_be_visible()
    with pytest.raises(urllib.error.HTTPError) as refused:
        one_click_post(tampered)
    assert refused.value.code == 400
    leaver.refresh_from_db()
    assert leaver.enews_consent
    assert not EnewsConsentChange.objects.filter(member=leaver).exists()

    # The mail client's one-click POST: no cookies, no CSRF token, one request.
    assert one_click_post(link) == 200
    leaver.refresh_from_db()
    assert not leaver.enews_consent
    [change] = EnewsConsentChange.objects.filter(member=leaver)
    assert change.given is False and change.route == EnewsConsentChange.Route.UNSUBSCRIBE_LINK
    assert one_click_post(link) == 200, "a second click is harmless"
    assert EnewsConsentChange.objects.filter(member=leaver).count() == 1
    admin.goto(f"{base}/cms/enews/{issue.pk}/")
    assert figures_on(page)["Unsubscribed from this issue"] == "1"

    # The next issue goes to the others and not to them.
    second = make_issue(title=SECOND_TITLE, intro=INTRO)
    enews_schedule(issue=second, actor=User.objects.get(email=ADMIN))
    staying = readers[1:]
    wait_until(all_sent(second, len(staying)), what="the worker has sent the second issue")
    for reader in staying:
        assert len(with_subject(smtp_sink.messages_to(reader.email), SECOND_TITLE)) == 1
    assert with_subject(smtp_sink.messages_to(leaver.email), SECOND_TITLE) == []
    assert smtp_sink.messages_to(leaver.email) == [leavers_copy]
    assert smtp_sink.messages_to(not_asked.email) == []

    unchecked = member.unchecked_pages()
    member.page.context.close()
    assert unchecked == [], f"pages opened without an accessibility check: {unchecked}"
    assert member.csp_violations == [], "Content-Security-Policy violations:\n" + "\n".join(member.csp_violations)
