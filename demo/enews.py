"""The demo e-news: the listing below the home page and one issue, written and sent, so the
listing, the web version and the administrator's figures have something to show."""

from django.db import transaction
from django.utils import timezone

from casestudies.models import CaseStudyPage
from cms.models import HomePage
from enews.models import EnewsIndexPage, EnewsIssuePage, EnewsSend
from enews.selectors import FIRST_ISSUE_LOOKS_BACK

INTRO = "The monthly i-HOP e-news for members: news, a case study, what is new in the library, and workshops."
ISSUE_SLUG = "welcome-to-the-i-hop-e-news"


@transaction.atomic
def demo_enews_seed() -> EnewsIndexPage:
    """Create the listing and the first issue if missing (never change one that exists). The
    issue is marked as sent without sending mail: the demo's members have example addresses.
    Run after the case studies."""
    index = EnewsIndexPage.objects.first()
    if index is None:
        index = EnewsIndexPage(title="E-news", slug="e-news", intro=INTRO, show_in_menus=True)
        HomePage.objects.get().add_child(instance=index)
        index.save_revision().publish()
    if EnewsIssuePage.objects.filter(slug=ISSUE_SLUG).exists():
        return index
    body: list[dict] = [
        {
            "type": "news",
            "value": {
                "heading": "Free workshops across England",
                "text": (
                    "<p>Our regional workshops are free for anyone whose work brings them into contact with the "
                    "children and families of prisoners. Book a place from the workshops page.</p>"
                ),
                "link": "",
                "link_text": "",
            },
        },
        {"type": "new_resources", "value": {"heading": "New in the resource library"}},
        {"type": "upcoming_workshops", "value": {"heading": "Workshops coming up", "only_readers_region": False}},
    ]
    case_study = CaseStudyPage.objects.live().order_by("pk").first()
    if case_study:
        body.insert(1, {"type": "case_study", "value": {"case_study": case_study.pk, "why": ""}})
    issue = EnewsIssuePage(
        title="Welcome to the i-HOP e-news",
        slug=ISSUE_SLUG,
        intro="Each month: news for professionals, a case study from practice, new resources and workshops near you.",
        body=body,
    )
    index.add_child(instance=issue)
    issue.save_revision().publish()
    now = timezone.now()
    EnewsSend.objects.create(
        issue=issue,
        send_at=now,
        state=EnewsSend.State.SENDING,
        started_at=now,
        resources_since=now - FIRST_ISSUE_LOOKS_BACK,
    )
    return index
