"""The signed per-attempt commit token handed to the player page.

It names the attempt, its owner and the block it was started from, and is
checked with the session's user on every commit, so a token copied to another
account, or a forged message naming another attempt, writes nothing.
"""

from django.core import signing

SALT = "scorm.commit"
MAX_AGE_SECONDS = 12 * 3600


def commit_token(*, attempt_id: int, member_id: int, block_id: str) -> str:
    return signing.dumps({"a": attempt_id, "m": member_id, "b": block_id}, salt=SALT, compress=False)


def commit_token_read(token: str, *, member_id: int) -> tuple[int, str] | None:
    """(attempt id, block id) when the token is genuine, fresh and the member's; otherwise None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("m") != member_id or not isinstance(data.get("a"), int):
        return None
    return data["a"], str(data.get("b") or "")
