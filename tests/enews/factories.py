"""Builders for e-news issues (Wagtail pages need add_child, so plain functions)."""

from typing import Any

from cms.models import HomePage
from enews.models import EnewsIndexPage, EnewsIssuePage


def enews_index() -> EnewsIndexPage:
    existing = EnewsIndexPage.objects.first()
    if existing:
        return existing
    index = EnewsIndexPage(title="E-news", slug="e-news")
    HomePage.objects.get().add_child(instance=index)
    return index


def news(heading: str = "Visits at Christmas", text: str = "Family days are booking up.") -> dict[str, Any]:
    return {"type": "news", "value": {"heading": heading, "text": f"<p>{text}</p>", "link": "", "link_text": ""}}


def make_issue(
    *,
    title: str = "i-HOP e-news: December 2026",
    intro: str = "What is new for professionals who support the children of prisoners.",
    body: list[dict[str, Any]] | None = None,
    live: bool = True,
) -> EnewsIssuePage:
    issue = EnewsIssuePage(title=title, intro=intro, body=body if body is not None else [news()], live=live)
    enews_index().add_child(instance=issue)
    issue.save_revision().publish() if live else issue.save_revision()
    return EnewsIssuePage.objects.get(pk=issue.pk)
