"""How long a module takes to study, estimated from its words and activities,
and the CPD hours a course earns from it. Pure functions, no I/O.

Reading speed: 200 words a minute, the lower end of adult reading rates,
because learners here read to apply the material rather than to skim it.
Activities get a flat allowance each: a reflection asks the learner to write,
a knowledge check to think through a few questions, a SCORM package to work
through an interactive lesson.
"""

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import unescape
from typing import Any

WORDS_PER_MINUTE = 200
ACTIVITY_MINUTES = {"reflection": 3, "quiz": 5, "scorm": 10, "video": 5, "image": 1}
# The parts of each block a learner reads.
TEXT_FIELDS = {
    "rich_text": None,  # the value is the text itself
    "key_fact": ("figure", "statement", "source"),
    "quote": ("text", "attribution"),
    "case_study": ("title", "body"),
    "reflection": ("prompt",),
    "image": ("caption",),
    "video": ("title",),
    "callout": ("title", "text"),
}
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[\w£$%'\u2019-]+(?:[.,]\d+)*")


@dataclass(frozen=True)
class StudyTime:
    words: int
    activities: int
    reading_minutes: int
    activity_minutes: int

    @property
    def total_minutes(self) -> int:
        return self.reading_minutes + self.activity_minutes


def words_in(text: str) -> int:
    """Words a reader sees: markup removed, entities decoded."""
    return len(_WORD.findall(unescape(_TAG.sub(" ", text))))


def module_study_time(body: Iterable[Mapping[str, Any]]) -> StudyTime:
    """The study time of a module body, given as StreamField raw data
    (a list of {"type": ..., "value": ...})."""
    words = 0
    activities = 0
    activity_minutes = 0
    for block in body:
        kind = block.get("type", "")
        value = block.get("value")
        fields = TEXT_FIELDS.get(kind, ())
        if fields is None:
            words += words_in(str(value or ""))
        elif isinstance(value, Mapping):
            words += sum(words_in(str(value.get(field) or "")) for field in fields)
        if kind in ACTIVITY_MINUTES:
            activities += 1
            activity_minutes += ACTIVITY_MINUTES[kind]
    reading_minutes = math.ceil(words / WORDS_PER_MINUTE) if words else 0
    return StudyTime(
        words=words, activities=activities, reading_minutes=reading_minutes, activity_minutes=activity_minutes
    )


def cpd_hours_for(minutes: Iterable[int]) -> Decimal:
    """CPD hours for modules of these lengths: their total, to the nearest half hour
    (at least half an hour for any study at all)."""
    total = sum(minutes)
    if total <= 0:
        return Decimal("0.0")
    halves = (Decimal(total) / Decimal(30)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(Decimal("0.5"), halves / 2).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class OutlineEntry:
    """One section of a module's contents list: the block it starts at and its study time."""

    block_id: str
    title: str
    minutes: int


_HEADING = re.compile(r"<h[2-4][^>]*>(.*?)</h[2-4]>", re.S | re.I)


def section_title(kind: str, value: Any) -> str:
    """The title a block gives the section it starts ("" if it starts none): a text's first
    heading, a case study's or video's title, a reflection, or an activity's chosen object."""
    if kind == "rich_text":
        match = _HEADING.search(str(getattr(value, "source", value) or ""))
        return " ".join(unescape(_TAG.sub(" ", match.group(1))).split()) if match else ""
    if kind == "reflection":
        return "Reflect"
    if not isinstance(value, Mapping):
        return ""
    if kind == "case_study":
        return f"Case study: {value.get('title', '')}"
    if kind in {"video", "callout"}:
        return str(value.get("title") or "")
    for field, label in (("quiz", "Quiz: {}"), ("package", "{}")):
        chosen = value.get(field)
        if chosen is not None:
            return label.format(getattr(chosen, "display_title", None) or getattr(chosen, "title", ""))
    return ""


def module_outline(body: Any) -> list[OutlineEntry]:
    """A module's sections, from its StreamValue: a new section at each block with a title,
    blocks without one counted in the section before them ("Introduction" if first). Reads
    the blocks the page renders, so a chosen quiz or package costs no query of its own."""
    sections: list[tuple[str, str, list[Any]]] = []
    for block, raw in zip(body, body.raw_data, strict=False):
        title = section_title(block.block_type, block.value)
        if title or not sections:
            sections.append((block.id, title or "Introduction", [raw]))
        else:
            sections[-1][2].append(raw)
    return [
        OutlineEntry(block_id=block_id, title=title, minutes=module_study_time(raws).total_minutes)
        for block_id, title, raws in sections
    ]
