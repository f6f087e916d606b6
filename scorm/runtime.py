"""Reading what a SCO reported: statuses, score and times from its CMI (pure functions).

SCORM 1.2 keeps everything under `cmi.core` (one `lesson_status`); 2004 splits
it into `completion_status` and `success_status`. Both are reduced here to the
2004 pair so one completion rule serves both.
"""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

_ISO_DURATION = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
_CMI_TIMESPAN = re.compile(r"^(?P<h>\d{2,4}):(?P<m>\d{2}):(?P<s>\d{2}(?:\.\d{1,2})?)$")


def duration_seconds(value: Any) -> int:
    """Seconds in a 1.2 timespan (HHHH:MM:SS.SS) or a 2004 ISO 8601 duration; 0 when unreadable."""
    if not isinstance(value, str):
        return 0
    if match := _CMI_TIMESPAN.match(value.strip()):
        return int(int(match["h"]) * 3600 + int(match["m"]) * 60 + float(match["s"]))
    match = _ISO_DURATION.match(value.strip())
    if not match or value.strip() in {"P", "PT"}:
        return 0
    parts = {key: float(number) if number else 0.0 for key, number in match.groupdict().items()}
    days = parts["y"] * 365 + parts["mo"] * 30 + parts["d"]
    return int(days * 86400 + parts["h"] * 3600 + parts["mi"] * 60 + parts["s"])


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def sco_state(cmi: dict[str, Any], mastery_score: Decimal | None = None) -> dict[str, Any]:
    """completion, success, score_raw, score_scaled, location, session_seconds of one SCO's CMI."""
    core = cmi.get("core") if isinstance(cmi.get("core"), dict) else None
    if core is not None:  # SCORM 1.2
        status = str(core.get("lesson_status") or "not attempted")
        completion = "completed" if status in {"completed", "passed", "failed"} else "incomplete"
        if status == "not attempted":
            completion = "not attempted"
        success = {"passed": "passed", "failed": "failed"}.get(status, "unknown")
        score: dict[str, Any] = core["score"] if isinstance(core.get("score"), dict) else {}
        raw = _decimal(score.get("raw"))
        maximum = _decimal(score.get("max")) or Decimal(100)
        scaled = (raw / maximum).quantize(Decimal("0.0001")) if raw is not None and maximum else None
        location = str(core.get("lesson_location") or "")
        session = duration_seconds(core.get("session_time"))
    else:  # SCORM 2004
        completion = str(cmi.get("completion_status") or "unknown")
        success = str(cmi.get("success_status") or "unknown")
        score = cmi["score"] if isinstance(cmi.get("score"), dict) else {}
        raw = _decimal(score.get("raw"))
        scaled = _decimal(score.get("scaled"))
        location = str(cmi.get("location") or "")
        session = duration_seconds(cmi.get("session_time"))
    if mastery_score is not None and scaled is not None:
        success = "passed" if scaled * 100 >= mastery_score else "failed"
    return {
        "completion": completion,
        "success": success,
        "score_raw": raw,
        "score_scaled": scaled,
        "location": location[:1000],
        "session_seconds": session,
    }


def rule_met(rule: str, completion: str, success: str) -> bool:
    completed = completion == "completed" or success == "passed"
    if rule == "passed":
        return success == "passed"
    if rule == "completed_and_passed":
        return completed and success == "passed"
    return completed
