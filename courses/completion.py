"""Links the apps built on courses offer a learner who has completed a course (cpd's
evaluation), shown on the course page. Registered in their AppConfig.ready(), so courses
imports none of them; a link is built from ids alone and costs no query."""

from collections.abc import Callable

# (course id) -> (link text, address), or None for nothing to offer.
CompletionLink = Callable[[int], tuple[str, str] | None]
_links: list[CompletionLink] = []


def course_completion_link_register(link: CompletionLink) -> None:
    if link not in _links:
        _links.append(link)


def course_completion_links(*, course_id: int) -> list[tuple[str, str]]:
    return [found for link in _links if (found := link(course_id)) is not None]
