"""Moodle's category paths: "$course$/top/Parents/Visits" <-> ("Parents", "Visits").

Both GIFT (`$CATEGORY:` lines) and Moodle XML (category pseudo-questions)
spell a category this way. A slash inside a name is written doubled.
"""

import re

from quizzes.formats.types import LAYOUT_WHITESPACE, NotRepresentableError

# The context a path starts from: $course$, $system$, $module$, $cat$, ...
# Our categories belong to whatever imports them, so the context is dropped.
_CONTEXT = re.compile(r"\$[a-z]+\$")
_TOP = "top"


def category_path_parse(text: str) -> tuple[str, ...]:
    """The names below the top category; () for the top itself."""
    names = [name.strip(LAYOUT_WHITESPACE) for name in _split_on_single_slashes(text)]
    names = [name for name in names if name]
    if names and _CONTEXT.fullmatch(names[0]):
        names.pop(0)
    if names and names[0] == _TOP:
        names.pop(0)
    return tuple(names)


def category_path_format(path: tuple[str, ...]) -> str:
    """The path as Moodle exports it, below the course's top category.

    Raises NotRepresentableError for a name the path syntax would read back
    differently: empty, padded with whitespace, starting with a slash (its
    slash would merge with the separator) or spanning lines.
    """
    for name in path:
        if not name or name != name.strip(LAYOUT_WHITESPACE) or name.startswith("/") or "\n" in name:
            raise NotRepresentableError(f"category name {name!r} cannot be written as a Moodle category path")
    return "/".join(["$course$", _TOP, *(name.replace("/", "//") for name in path)])


def _split_on_single_slashes(text: str) -> list[str]:
    names = [""]
    index = 0
    while index < len(text):
        if text.startswith("//", index):
            names[-1] += "/"
            index += 2
        elif text[index] == "/":
            names.append("")
            index += 1
        else:
            names[-1] += text[index]
            index += 1
    return names
