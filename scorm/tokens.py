"""The signed per-attempt commit token handed to the player page.

It names the attempt, its owner, the block it was started from and what a
commit needs of that block (the package's version, the mastery score, the
completion rule and its designated SCO, as they were when the player opened), and is checked with
the session's user on every commit, so a token copied to another account, or
a forged message naming another attempt, writes nothing. Carrying the block's
settings spares each commit reading the module's body; a trainer's change to
them applies from the learner's next visit.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core import signing

SALT = "scorm.commit"
MAX_AGE_SECONDS = 12 * 3600


@dataclass(frozen=True)
class CommitGrant:
    attempt_id: int
    block_id: str
    version: str
    mastery_score: Decimal | None
    completion_rule: str
    designated_sco: str = ""


def commit_token(
    *,
    attempt_id: int,
    member_id: int,
    block_id: str,
    version: str = "1.2",
    mastery_score: Decimal | None = None,
    completion_rule: str = "completed",
    designated_sco: str = "",
) -> str:
    data = {
        "a": attempt_id,
        "m": member_id,
        "b": block_id,
        "v": version,
        "s": None if mastery_score is None else str(mastery_score),
        "r": completion_rule,
        "d": designated_sco,
    }
    return signing.dumps(data, salt=SALT, compress=False)


def commit_token_read(token: str, *, member_id: int) -> CommitGrant | None:
    """What the token grants when it is genuine, fresh and the member's; otherwise None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("m") != member_id or not isinstance(data.get("a"), int):
        return None
    try:
        mastery = None if data.get("s") is None else Decimal(str(data["s"]))
    except InvalidOperation:
        return None
    return CommitGrant(
        attempt_id=data["a"],
        block_id=str(data.get("b") or ""),
        version=str(data.get("v") or "1.2"),
        mastery_score=mastery,
        completion_rule=str(data.get("r") or "completed"),
        designated_sco=str(data.get("d") or ""),
    )
