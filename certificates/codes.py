"""Verification codes: 80 random bits in Crockford base32, grouped for typing.

Crockford's alphabet has no I, L, O or U, so a code read aloud or copied by
hand cannot be mistyped as another letter; when reading a typed code we map
the look-alikes back (I and L to 1, O to 0) and ignore dashes, spaces and case.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_BITS = 80
CODE_LENGTH = CODE_BITS // 5  # 16 characters
GROUP = 4
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def code_generate() -> str:
    """A new random code (16 characters, no separators), as stored."""
    number = secrets.randbits(CODE_BITS)
    return "".join(ALPHABET[(number >> (5 * index)) & 31] for index in reversed(range(CODE_LENGTH)))


def code_display(code: str) -> str:
    """ABCD-EFGH-JKMN-PQRS: how a code is printed and shown."""
    return "-".join(code[index : index + GROUP] for index in range(0, len(code), GROUP))


def code_normalise(typed: str) -> str | None:
    """The stored form of a typed code, or None if it cannot be a code."""
    cleaned = "".join(typed.split()).replace("-", "").upper().translate(_LOOKALIKES)
    if len(cleaned) != CODE_LENGTH or any(character not in ALPHABET for character in cleaned):
        return None
    return cleaned
