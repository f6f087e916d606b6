"""Moodle's GIFT and XML question formats, read and written without the database.

Parsers return `ParsedQuestion` values; storing them as models is the
quizzes app's job, not this package's.
"""

from quizzes.formats.gift import parse_gift, parse_gift_file, write_gift
from quizzes.formats.moodle_xml import parse_moodle_xml, parse_moodle_xml_file, write_moodle_xml
from quizzes.formats.types import (
    EssayOptions,
    FormatError,
    NotRepresentableError,
    ParsedAnswer,
    ParsedCategory,
    ParsedFile,
    ParsedMatch,
    ParsedQuestion,
    QuestionKind,
    ResponseFormat,
    TextFormat,
)

__all__ = [
    "EssayOptions",
    "FormatError",
    "NotRepresentableError",
    "ParsedAnswer",
    "ParsedCategory",
    "ParsedFile",
    "ParsedMatch",
    "ParsedQuestion",
    "QuestionKind",
    "ResponseFormat",
    "TextFormat",
    "parse_gift",
    "parse_gift_file",
    "parse_moodle_xml",
    "parse_moodle_xml_file",
    "write_gift",
    "write_moodle_xml",
]
