"""Numbers as GIFT and Moodle XML spell them: weights, tolerances, marks."""

import re
from decimal import Decimal

# What PHP's is_numeric() accepts, minus hex and surrounding spaces; unlike
# Decimal() it refuses "NaN" and "Infinity", which no question means.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def parse_decimal(text: str) -> Decimal | None:
    """The number `text` spells exactly, or None if it is not a number.

    Trailing zeros are dropped ("2.0000000" is 2), so that values read from
    different files look alike as well as comparing equal.
    """
    if _NUMBER.fullmatch(text) is None:
        return None
    return _tidy(Decimal(text))


def fraction_from_percent(percent: Decimal) -> Decimal:
    """0.5 from 50: Moodle writes fractions as percentages."""
    return _tidy(percent.scaleb(-2))


def format_decimal(value: Decimal) -> str:
    """Plain notation without trailing zeros: "50", "0.3333333", never "5E+1"."""
    return format(value.normalize(), "f")


def _tidy(value: Decimal) -> Decimal:
    normalized = value.normalize()
    # normalize() turns 20000 into 2E+4; int() keeps whole numbers whole, at any size.
    return Decimal(int(normalized)) if normalized == normalized.to_integral_value() else normalized
