"""Reading what a SCO reported: statuses, score and times from its CMI (pure functions).

SCORM 1.2 keeps everything under `cmi.core` (one `lesson_status`); 2004 splits
it into `completion_status` and `success_status`. Both are reduced here to the
2004 pair so one completion rule serves both.
"""

import json
import math
import re
from dataclasses import dataclass
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


def _passed_or_failed(score: Decimal | None, passing: Decimal | None) -> str | None:
    if score is None or passing is None:
        return None
    return "passed" if score >= passing else "failed"


def sco_state(
    cmi: dict[str, Any], mastery_score: Decimal | None = None, sco: dict[str, Any] | None = None
) -> dict[str, Any]:
    """completion, success, score_raw, score_scaled, location, session_seconds of one SCO's CMI.

    `sco` is the SCO's entry of the manifest. SCORM 2004 status is judged from
    the data model as the standard says: completion from progress_measure
    against the completion threshold, success from score.scaled against the
    scaled passing score, each when both are known. The block's mastery score
    (percent), when set, decides success from the scaled score over whatever
    the package said.
    """
    sco = sco or {}
    core = cmi.get("core") if isinstance(cmi.get("core"), dict) else None
    if core is not None:  # SCORM 1.2
        status = str(core.get("lesson_status") or "not attempted")
        completion = "completed" if status in {"completed", "passed", "failed"} else "incomplete"
        if status in {"not attempted", "browsed"}:
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
        threshold = _decimal(cmi.get("completion_threshold")) or _decimal(sco.get("completion_threshold"))
        progress = _decimal(cmi.get("progress_measure"))
        if threshold is not None and progress is not None:
            completion = "completed" if progress >= threshold else "incomplete"
        passing = _decimal(cmi.get("scaled_passing_score")) or _decimal(sco.get("scaled_passing_score"))
        success = _passed_or_failed(scaled, passing) or success
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
    """Whether one SCO's statuses meet a completion rule. A failed SCO never meets
    a rule that asks for a pass."""
    completed = completion == "completed" or success == "passed"
    if rule in {"passed", "passed_by_average"}:
        return success == "passed"
    if rule == "completed_and_passed":
        return completed and success == "passed"
    return completed


@dataclass(frozen=True)
class Rollup:
    """The attempt's status and score from all its SCOs."""

    completion: str
    success: str
    score_raw: Decimal | None
    score_scaled: Decimal | None
    met: bool


def sequencing_rollup(*, sequencing: dict[str, Any], state: str, rule: str, by_scos: Rollup) -> Rollup | None:
    """A sequenced package's status from its root activity as scorm-again's engine
    rolled it up by the manifest's own rules (in `state`, its serialized state), or
    None while there is no state to read. The block's rule then asks the root's
    statuses what it would ask of one SCO: satisfied (passed) or completed. The root
    carries at most a normalized measure: the raw score, and a scaled one the manifest
    rolls nothing up into, stay what the SCOs reported (`by_scos`), as for any package."""
    root_id = (sequencing.get("activityTree") or {}).get("id")
    try:
        engine = json.loads(state) if state else None
        root = engine["sequencing"]["activityStates"][root_id] if isinstance(engine, dict) else None
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(root, dict):
        return None
    completion = root.get("completionStatus")
    completion = completion if completion in {"completed", "incomplete", "not attempted"} else "unknown"
    success = root.get("successStatus")
    success = success if success in {"passed", "failed"} else "unknown"
    score_scaled = None
    if root.get("objectiveMeasureStatus") is True:
        try:
            score_scaled = Decimal(str(root.get("objectiveNormalizedMeasure"))).quantize(Decimal("0.0001"))
        except ArithmeticError:
            score_scaled = None
        if score_scaled is not None and not Decimal(-1) <= score_scaled <= Decimal(1):
            score_scaled = None
    return Rollup(
        completion=completion,
        success=success,
        score_raw=by_scos.score_raw,
        score_scaled=score_scaled if score_scaled is not None else by_scos.score_scaled,
        met=rule_met("passed" if rule == "passed_by_average" else rule, completion, success),
    )


def global_objectives_written(*, state: str, writes: dict[str, set[str]]) -> dict[str, dict[str, Any]]:
    """What scorm-again's serialized `state` says of the global objectives a package writes
    (`writes`: target → the fields of its entry the package's write maps name), as
    `{target: {field: value, fieldKnown: bool}}`; only well-formed fields are taken, and a
    target the package only reads is never taken (another package owns what it says)."""
    try:
        engine = json.loads(state) if state else {}
    except ValueError:
        return {}
    engine = engine if isinstance(engine, dict) else {}
    snapshot = engine.get("globalObjectiveMap") or (engine.get("sequencing") or {}).get("globalObjectiveMap")
    if not isinstance(snapshot, dict):
        return {}
    written: dict[str, dict[str, Any]] = {}
    for target, fields in writes.items():
        entry = snapshot.get(target)
        if not fields or not isinstance(entry, dict):
            continue
        values: dict[str, Any] = {}
        for name in fields:
            value, known = entry.get(name), entry.get(f"{name}Known")
            number = isinstance(value, bool | int) or (isinstance(value, float) and math.isfinite(value))
            scalar = number or (isinstance(value, str) and len(value) <= 1000)
            if isinstance(known, bool) and scalar:
                values.update({name: value, f"{name}Known": known})
        if values:
            written[target] = values
    return written


def _average(values: list[Decimal | None], count: int) -> Decimal | None:
    """SCORM 2004's measure rollup with equal weights: SCOs without a score count
    as 0, and there is no score until one SCO has one."""
    known = [value for value in values if value is not None]
    if not known or not count:
        return None
    return (sum(known, Decimal(0)) / count).quantize(Decimal("0.0001"))


def attempt_rollup(
    *,
    scos: list[dict[str, Any]],
    states: dict[str, dict[str, Any]],
    rule: str,
    mastery_score: Decimal | None = None,
    designated_sco: str = "",
) -> Rollup:
    """Roll the SCOs' stored statuses and scores up to the attempt, never from
    whichever SCO committed last.

    `states` holds each SCO's `completion`, `success`, `score_raw` and
    `score_scaled` (as text) by identifier. Completion: completed when every
    SCO is, not attempted while none was, else incomplete. Success: failed when
    any SCO failed, passed when every SCO passed, else unknown. Score: the
    average over all SCOs (SCORM 2004's measure rollup, equal weights). Rules:
    `completed` / `passed` / `completed_and_passed` ask it of every SCO;
    `passed_by_average` asks every SCO to be completed and the average scaled
    score to reach the mastery score (percent; without one, every SCO passed);
    `designated_sco` lets one SCO's status stand for the package.
    """
    identifiers = [item["identifier"] for item in scos]
    entries = [states.get(identifier) or {} for identifier in identifiers]
    # A SCO the learner has opened is at least incomplete, whatever it reported.
    completions: list[str] = [
        str(entry["completion"])
        if entry.get("completion") not in (None, "not attempted", "unknown")
        else ("incomplete" if entry else "not attempted")
        for entry in entries
    ]
    successes = [entry.get("success") or "unknown" for entry in entries]
    done = [rule_met("completed", c, s) for c, s in zip(completions, successes, strict=True)]
    if identifiers and all(done):
        completion = "completed"
    elif all(c == "not attempted" for c in completions):
        completion = "not attempted"
    else:
        completion = "incomplete"
    if "failed" in successes:
        success = "failed"
    elif identifiers and all(s == "passed" for s in successes):
        success = "passed"
    else:
        success = "unknown"
    score_raw = _average([_decimal(entry.get("score_raw")) for entry in entries], len(entries))
    score_scaled = _average([_decimal(entry.get("score_scaled")) for entry in entries], len(entries))
    if rule == "designated_sco" and designated_sco in identifiers:
        entry = entries[identifiers.index(designated_sco)]
        completion = entry.get("completion") or "not attempted"
        success = entry.get("success") or "unknown"
        score_raw, score_scaled = _decimal(entry.get("score_raw")), _decimal(entry.get("score_scaled"))
        met = rule_met("completed", completion, success) and success != "failed"
    elif rule == "passed_by_average":
        if mastery_score is not None and score_scaled is not None:
            success = "passed" if score_scaled * 100 >= mastery_score else "failed"
        met = completion == "completed" and success == "passed"
    else:
        met = bool(identifiers) and all(rule_met(rule, c, s) for c, s in zip(completions, successes, strict=True))
    return Rollup(completion=completion, success=success, score_raw=score_raw, score_scaled=score_scaled, met=met)


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


def _flattened(prefix: str, value: Any, into: dict[str, str]) -> None:
    """A stored CMI list (`{"0": {...}, "1": {...}}`) as scorm-again's flattened
    names, in index order so each index exists before the next is loaded."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: (0, int(key)) if str(key).isdigit() else (1, str(key)))
        for key in keys:
            if str(key).startswith("_"):
                continue  # _count, _children: the runtime's own
            _flattened(f"{prefix}.{key}", value[key], into)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _flattened(f"{prefix}.{index}", item, into)
    elif value not in (None, ""):
        into[prefix] = str(value)


def resume_values(
    *,
    version: str,
    stored: dict[str, Any],
    learner_id: str,
    learner_name: str,
    total_seconds: int,
    mastery_score: Decimal | None,
    sco: dict[str, Any] | None = None,
) -> dict[str, str]:
    """What the runtime starts a SCO with, as scorm-again's flattened CMI.

    `stored` is the SCO's CMI as last committed (empty on a first launch) and
    `sco` its entry of the manifest. The entry is `resume` only after a
    suspended exit, `ab-initio` the first time and empty otherwise, as the
    standards define it; location, suspend data, statuses, score,
    interactions and objectives are handed back (so `_count` continues and a
    new session appends); total time is the server's sum of all sessions. The
    manifest gives the mastery score (1.2), the completion threshold, scaled
    passing score and objectives (2004) and the launch data; the block's
    mastery score, when set, replaces the manifest's.
    """
    sco = sco or {}
    values: dict[str, str] = {}
    if not version.startswith("2004"):
        core = _section(stored, "core")
        score = _section(core, "score")
        exit_value = _text(core.get("exit"))
        status = _text(core.get("lesson_status"))
        mastery = _text(mastery_score.normalize()) if mastery_score is not None else sco.get("mastery_score", "")
        values = {
            "cmi.core.student_id": learner_id,
            "cmi.core.student_name": learner_name,
            "cmi.core.entry": "ab-initio" if not stored else ("resume" if exit_value == "suspend" else ""),
            "cmi.core.credit": "credit",
            "cmi.core.lesson_mode": "normal",
            # "not attempted" is left to the runtime: handed back, it would count as set by the
            # SCO and switch off LMSFinish's own status.
            "cmi.core.lesson_status": "" if status == "not attempted" else status,
            "cmi.core.lesson_location": _text(core.get("lesson_location")),
            "cmi.core.total_time": _timespan_12(total_seconds),
            "cmi.suspend_data": _text(stored.get("suspend_data")),
            "cmi.launch_data": sco.get("launch_data", ""),
            "cmi.core.score.raw": _text(score.get("raw")),
            "cmi.core.score.min": _text(score.get("min")),
            "cmi.core.score.max": _text(score.get("max")),
            "cmi.student_data.mastery_score": mastery,
        }
        _flattened("cmi.objectives", stored.get("objectives"), values)
        _flattened("cmi.interactions", stored.get("interactions"), values)
    else:
        score = _section(stored, "score")
        exit_value = _text(stored.get("exit"))
        passing = (
            _text((mastery_score / 100).normalize())
            if mastery_score is not None
            else sco.get("scaled_passing_score", "")
        )
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
            "cmi.launch_data": sco.get("launch_data", ""),
            "cmi.progress_measure": _text(stored.get("progress_measure")),
            "cmi.score.scaled": _text(score.get("scaled")),
            "cmi.score.raw": _text(score.get("raw")),
            "cmi.score.min": _text(score.get("min")),
            "cmi.score.max": _text(score.get("max")),
            "cmi.completion_threshold": sco.get("completion_threshold", ""),
            "cmi.scaled_passing_score": passing,
        }
        objectives = stored.get("objectives")
        if not objectives and sco.get("objectives"):
            # The manifest's objectives, so a SCO finds the ones it was written for.
            objectives = {str(index): {"id": identifier} for index, identifier in enumerate(sco["objectives"])}
        _flattened("cmi.objectives", objectives, values)
        _flattened("cmi.interactions", stored.get("interactions"), values)
    # Empty strings are the data model's own "not set"; leaving them out keeps
    # scorm-again from rejecting an empty value for a typed element (a score, say).
    return {key: value for key, value in values.items() if value != "" or key.endswith(".entry")}
