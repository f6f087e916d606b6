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


def _timespan_12(seconds: int) -> str:
    hours, rest = divmod(max(seconds, 0), 3600)
    return f"{min(hours, 9999):04d}:{rest // 60:02d}:{rest % 60:02d}"


def _duration_2004(seconds: int) -> str:
    hours, rest = divmod(max(seconds, 0), 3600)
    return f"PT{hours}H{rest // 60}M{rest % 60}S"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def resume_values(
    *,
    version: str,
    stored: dict[str, Any],
    learner_id: str,
    learner_name: str,
    total_seconds: int,
    mastery_score: Decimal | None,
) -> dict[str, str]:
    """What the runtime starts a SCO with, as scorm-again's flattened CMI.

    `stored` is the SCO's CMI as last committed (empty on a first launch). The
    entry is `resume` only after a suspended exit, `ab-initio` the first time
    and empty otherwise, as the standards define it; location, suspend data,
    statuses and score are handed back; total time is the server's sum of all
    sessions. Interactions are not handed back (write-only in 1.2; the stored
    ones stay on the attempt until the SCO commits its own again).
    """
    if not version.startswith("2004"):
        core = _section(stored, "core")
        score = _section(core, "score")
        exit_value = _text(core.get("exit"))
        values = {
            "cmi.core.student_id": learner_id,
            "cmi.core.student_name": learner_name,
            "cmi.core.entry": "ab-initio" if not stored else ("resume" if exit_value == "suspend" else ""),
            "cmi.core.credit": "credit",
            "cmi.core.lesson_mode": "normal",
            "cmi.core.lesson_status": _text(core.get("lesson_status")) or "not attempted",
            "cmi.core.lesson_location": _text(core.get("lesson_location")),
            "cmi.core.total_time": _timespan_12(total_seconds),
            "cmi.suspend_data": _text(stored.get("suspend_data")),
            "cmi.core.score.raw": _text(score.get("raw")),
            "cmi.core.score.min": _text(score.get("min")),
            "cmi.core.score.max": _text(score.get("max")),
        }
        if mastery_score is not None:
            values["cmi.student_data.mastery_score"] = _text(mastery_score.normalize())
    else:
        score = _section(stored, "score")
        exit_value = _text(stored.get("exit"))
        values = {
            "cmi.learner_id": learner_id,
            "cmi.learner_name": learner_name,
            "cmi.entry": "ab-initio" if not stored else ("resume" if exit_value == "suspend" else ""),
            "cmi.credit": "credit",
            "cmi.mode": "normal",
            "cmi.completion_status": _text(stored.get("completion_status")) or "unknown",
            "cmi.success_status": _text(stored.get("success_status")) or "unknown",
            "cmi.location": _text(stored.get("location")),
            "cmi.total_time": _duration_2004(total_seconds),
            "cmi.suspend_data": _text(stored.get("suspend_data")),
            "cmi.score.scaled": _text(score.get("scaled")),
            "cmi.score.raw": _text(score.get("raw")),
            "cmi.score.min": _text(score.get("min")),
            "cmi.score.max": _text(score.get("max")),
        }
        if mastery_score is not None:
            values["cmi.scaled_passing_score"] = _text((mastery_score / 100).normalize())
    # Empty strings are the data model's own "not set"; leaving them out keeps
    # scorm-again from rejecting an empty value for a typed element (a score, say).
    return {key: value for key, value in values.items() if value != "" or key.endswith(".entry")}
