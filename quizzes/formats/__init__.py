"""Moodle's GIFT and XML question formats, read and written without the database.

Parsers return `ParsedQuestion` values; storing them as models is the
quizzes app's job, not this package's.
"""

from quizzes.formats.gift import parse_gift, write_gift
from quizzes.formats.moodle_xml import parse_moodle_xml, write_moodle_xml
from quizzes.formats.types import (
    FormatError,
    NotRepresentableError,
    ParsedAnswer,
    ParsedMatch,
    ParsedQuestion,
    QuestionKind,
    TextFormat,
)

__all__ = [
    "FormatError",
    "NotRepresentableError",
    "ParsedAnswer",
    "ParsedMatch",
    "ParsedQuestion",
    "QuestionKind",
    "TextFormat",
    "parse_gift",
    "parse_moodle_xml",
    "write_gift",
    "write_moodle_xml",
]
