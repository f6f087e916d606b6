"""Writes for SCORM: packages (upload, then extraction by the worker), opening the
player on a learner's attempt, and storing the runtime's commits."""

import dataclasses
import functools
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.api import (
    CoursePage,
    ModulePage,
    course_create_with_activity,
    member_enrolled,
    module_complete_unless_held,
)
from scorm.blocks import ScormPlacement
from scorm.models import ScormAttempt, ScormGlobalObjective, ScormPackage, _folder
from scorm.packages import PackageError, package_extract_to, package_inspect
from scorm.runtime import (
    attempt_rollup,
    global_objectives_written,
    resume_values,
    rule_met,
    sco_state,
    sequencing_rollup,
)
from scorm.selectors import global_objectives_of
from scorm.sequencing import global_objectives_mapped
from scorm.tokens import CommitGrant, commit_token


def package_processing_queue(package: ScormPackage) -> None:
    """Mark the package as processing and extract it in the worker after commit."""
    package.status = ScormPackage.Status.PROCESSING
    package.failure_reason = ""
    package.folder = _folder()
    package.save(update_fields=["status", "failure_reason", "folder"])
    from scorm.tasks import package_extract

    package_id = package.pk
    transaction.on_commit(lambda: package_extract.delay(package_id))


def package_create(*, upload: File, uploaded_by: User | None = None) -> ScormPackage:
    """Store an uploaded zip as a package that is still to be processed."""
    package = ScormPackage(uploaded_by=uploaded_by)
    package.upload.save(upload.name.rsplit("/", 1)[-1] if upload.name else "package.zip", upload, save=False)
    package.save()
    return package


def package_process(package_id: int) -> ScormPackage:
    """Check the stored zip and extract it into the package's folder.

    Ends READY (title, version, SCOs from the manifest) or FAILED with a
    reason; a failure removes whatever was extracted. Safe to run twice.
    """
    package = ScormPackage.objects.get(pk=package_id)
    saved: list[str] = []

    def save(relative_path: str, stream: object) -> None:
        name = package.content_prefix + relative_path
        if default_storage.exists(name):
            default_storage.delete(name)  # a retried task overwrites its own earlier output
        try:
            stored = default_storage.save(name, File(stream, name=relative_path))  # type: ignore[arg-type]
        except Exception:  # a lying size or a bad CRC, found mid-stream
            if default_storage.exists(name):
                default_storage.delete(name)  # the half-written file that tripped the check
            raise
        if stored != name:
            raise PackageError(f"“{relative_path}” could not be stored under its own name.")
        saved.append(stored)

    try:
        with package.upload.open("rb") as source:
            manifest = package_inspect(source)
            source.seek(0)
            package_extract_to(source, save)
    except PackageError as error:
        _delete_files(saved)
        return _package_finish(package, failure=str(error))
    except BaseException:
        _delete_files(saved)  # a storage failure: nothing half-extracted stays; the task may run again
        raise
    package.title = manifest.title[:255]
    package.version = manifest.version
    package.scos = [
        {
            "identifier": s.identifier,
            "title": s.title,
            "launch": s.launch,
            "depth": s.depth,
            "kind": s.kind,
            "mastery_score": s.mastery_score,
            "launch_data": s.launch_data,
            "completion_threshold": s.completion_threshold,
            "scaled_passing_score": s.scaled_passing_score,
            "objectives": list(s.objectives),
        }
        for s in manifest.scos
    ]
    package.outline = [
        {"identifier": i.identifier, "title": i.title, "depth": i.depth, "launchable": i.launchable}
        for i in manifest.outline
    ]
    package.sequencing = manifest.sequencing
    package.unpacked_bytes = manifest.unpacked_bytes
    return _package_finish(package, failure="")


def package_course_create(*, package: ScormPackage, title: str = "") -> CoursePage:
    """A draft course (titled `title`, else the package's title) holding one module with
    the ready package placed in it, required, with the block's default settings: how a
    trainer brings packages from another LMS. Raises AttemptError when the package is not
    ready and CourseError when there is no catalogue."""
    if package.status != ScormPackage.Status.READY:
        raise AttemptError("Only a ready package can be made into a course.")
    return course_create_with_activity(
        title=title.strip() or package.display_title,
        module_title=package.display_title,
        activity_type="scorm",
        activity_value={"package": package.pk, "required": True},
        summary=f"The SCORM package “{package.display_title}”.",
    )


def _delete_files(names: list[str]) -> None:
    for name in names:
        if default_storage.exists(name):
            default_storage.delete(name)


@transaction.atomic
def package_discard(*, package_id: int) -> None:
    """Remove a package that never became ready, with its stored zip (import_scorm's refusals).
    Its extracted files were already removed when it failed."""
    package = ScormPackage.objects.select_for_update().get(pk=package_id)
    if package.status == ScormPackage.Status.READY:
        raise PackageError("A ready package is not discarded; unpublish its placements instead.")
    if package.upload:
        package.upload.delete(save=False)
    package.delete()


def _package_finish(package: ScormPackage, *, failure: str) -> ScormPackage:
    package.status = ScormPackage.Status.FAILED if failure else ScormPackage.Status.READY
    package.failure_reason = failure
    package.processed_at = timezone.now()
    package.save()
    return package


class AttemptError(Exception):
    """Why an attempt cannot start or a commit is refused, in words for the learner."""


def attempt_current(*, member: User, module: ModulePage, placement: ScormPlacement) -> ScormAttempt:
    """The attempt the learner works in now: the latest, or a new one when there is
    none or the block starts a new attempt after completion (within the attempts allowed)."""
    attempts = list(
        ScormAttempt.objects.filter(member=member, module=module, package_id=placement.package_id).order_by("-number")
    )
    latest = attempts[0] if attempts else None
    if latest is not None and not (latest.completed_at and placement.new_attempt_after_completion):
        return latest
    if placement.attempts_allowed and len(attempts) >= placement.attempts_allowed:
        if latest is not None:
            return latest  # all used: they can review the last one
        raise AttemptError("No attempts are allowed at this package.")
    number = latest.number + 1 if latest else 1
    attempt, _ = ScormAttempt.objects.get_or_create(
        member=member, module=module, package_id=placement.package_id, number=number
    )
    return attempt


@dataclass(frozen=True)
class PlayerLaunch:
    """Everything the player page needs to run one SCO of a learner's attempt."""

    package: ScormPackage
    attempt: ScormAttempt
    sco: dict[str, Any]
    token: str
    session: str
    sequence: int
    resume: dict[str, str]
    # SCORM 2004: the learner's global objectives the package maps, for the engine (any package's writes).
    global_objectives: dict[str, dict[str, Any]] = field(default_factory=dict)
    # SCORM 2004 sequencing: the activity attempt `resume` belongs to (0: not known), and the
    # starting values of a new attempt, which the frame takes when the engine begins one.
    resume_attempt: int = 0
    fresh: dict[str, str] = field(default_factory=dict)

    @property
    def contents(self) -> list[dict[str, Any]]:
        """The manifest's whole item tree for the table of contents: parents as
        headings, launchable items as links, each marked done when the attempt met it."""
        outline = self.package.outline or [{**item, "launchable": True} for item in self.package.scos]
        return [
            {**item, "done": item["launchable"] and bool((self.attempt.cmi.get(item["identifier"]) or {}).get("met"))}
            for item in outline
        ]

    @property
    def sco_index(self) -> int:
        return self.package.scos.index(self.sco)

    @property
    def previous_sco(self) -> dict[str, Any] | None:
        return self.package.scos[self.sco_index - 1] if self.sco_index > 0 else None

    @property
    def next_sco(self) -> dict[str, Any] | None:
        scos = self.package.scos
        return scos[self.sco_index + 1] if self.sco_index + 1 < len(scos) else None


def player_launch(
    *, member: User, module: ModulePage, placement: ScormPlacement, sco_identifier: str = ""
) -> PlayerLaunch:
    """Open the learner's current attempt at a placed package on one SCO.

    Raises AttemptError, in words for the learner, when they are not enrolled,
    the package is not ready or no attempt can start. The SCO is the one asked
    for, else the one the learner left unfinished, else the first the attempt
    has not yet met, else the first. Its stored CMI is handed back as the
    runtime's starting values (resume). An asset (a resource that never talks
    to the API) is completed as it opens."""
    if not member_enrolled(member=member, module=module):
        raise AttemptError("Enrol on this course to take its packages.")
    package = ScormPackage.objects.filter(pk=placement.package_id).first()
    if package is None or package.status != ScormPackage.Status.READY or not package.scos:
        raise AttemptError("This package is not ready yet. Please try again later.")
    attempt = attempt_current(member=member, module=module, placement=placement)
    done = attempt.cmi
    wanted = sco_identifier
    if not wanted and package.sequencing:
        # The sequencing engine decides in the browser; opening on the part it was in
        # (or suspended) saves the page a move.
        wanted = _sequencing_position(attempt.sequencing_state) or attempt.last_sco
    if not wanted and not (done.get(attempt.last_sco) or {}).get("met"):
        wanted = attempt.last_sco  # resume on the SCO the learner left unfinished
    sco = next((item for item in package.scos if item["identifier"] == wanted), None) or next(
        (item for item in package.scos if not (done.get(item["identifier"]) or {}).get("met")), package.scos[0]
    )
    if sco.get("kind") == "asset" and not (done.get(sco["identifier"]) or {}).get("met"):
        attempt = _asset_complete(attempt_id=attempt.pk, member=member, sco=sco["identifier"], placement=placement)
    entry = attempt.cmi.get(sco["identifier"]) or {}
    resume = functools.partial(
        resume_values,
        version=package.version,
        learner_id=str(member.pk),
        learner_name=member.full_name or member.email,
        mastery_score=placement.mastery_score,
        sco=sco,
    )
    return PlayerLaunch(
        package=package,
        attempt=attempt,
        sco=sco,
        token=commit_token(
            attempt_id=attempt.pk,
            member_id=member.pk,
            block_id=placement.block_id,
            version=package.version,
            mastery_score=placement.mastery_score,
            completion_rule=placement.completion_rule,
            designated_sco=placement.designated_sco,
        ),
        session=uuid.uuid4().hex,
        sequence=commit_sequence_start(),
        resume=resume(stored=entry.get("cmi") or {}, total_seconds=sum((entry.get("sessions") or {}).values())),
        fresh=resume(stored={}, total_seconds=0) if package.sequencing else {},
        resume_attempt=int(entry.get("activity_attempt") or 0),
        global_objectives=global_objectives_of(member=member, package=package),
    )


def _sequencing_position(state: str) -> str:
    """The activity scorm-again's stored state was suspended in or is in, or ""."""
    try:
        engine = json.loads(state).get("sequencing") or {} if state else {}
    except (ValueError, AttributeError):
        return ""
    position = engine.get("suspendedActivity") or engine.get("currentActivity") if isinstance(engine, dict) else ""
    return position if isinstance(position, str) else ""


# Commit numbers start from the time the player opened, so a page opened later
# always outnumbers a late commit of one opened earlier; 1,024 numbers per
# millisecond leave room for every commit a page makes. Far below 2**53.
_SEQUENCE_EPOCH_MS = 1_704_067_200_000  # 2024-01-01


def commit_sequence_start() -> int:
    return (time.time_ns() // 1_000_000 - _SEQUENCE_EPOCH_MS) * 1024


def suspend_data_limit() -> int:
    """The longest cmi.suspend_data kept, for 1.2 and 2004 alike (at most 64,000, the runtime's own bound)."""
    return min(int(settings.SCORM_SUSPEND_DATA_LIMIT), 64000)


# The engine's state is about 3 KB per activity; a 100-activity package stays far below this.
SEQUENCING_STATE_LIMIT = 2_000_000


@dataclass(frozen=True)
class CommitOutcome:
    """What a commit did: stored or not (stale), and which elements it refused."""

    stored: bool
    refused: list[str] = field(default_factory=list)


def _locked_attempt(attempt_id: int, member: User) -> ScormAttempt:
    try:
        return (
            ScormAttempt.objects.select_for_update(of=("self",))
            .select_related("package")
            .get(pk=attempt_id, member=member)  # get(): no ORDER BY, unlike first()
        )
    except ScormAttempt.DoesNotExist:
        raise AttemptError("This attempt is not yours.") from None


def _record(
    *,
    attempt: ScormAttempt,
    member: User,
    sco: str,
    entry: dict[str, Any],
    state: dict[str, Any],
    placement: ScormPlacement | CommitGrant,
    sequence: int,
    sequencing_state: str | None = None,
) -> None:
    """Store one SCO's state on the locked attempt and roll the attempt up from all SCOs."""
    entry.update(
        completion=state["completion"],
        success=state["success"],
        score_raw=None if state["score_raw"] is None else str(state["score_raw"]),
        score_scaled=None if state["score_scaled"] is None else str(state["score_scaled"]),
        met=rule_met(placement.completion_rule, state["completion"], state["success"]),
    )
    data = dict(attempt.cmi)
    data[sco] = entry
    rollup = attempt_rollup(
        scos=attempt.package.scos,
        states=data,
        rule=placement.completion_rule,
        mastery_score=placement.mastery_score,
        designated_sco=placement.designated_sco,
    )
    attempt.cmi = data
    if sequence > attempt.sequence:  # the newest commit of the attempt says where the learner is
        if sequencing_state is not None:
            attempt.sequencing_state = sequencing_state
        attempt.sequence = sequence
        attempt.last_sco = sco[:255]
        attempt.location = state["location"]
    if attempt.package.sequencing:
        # A sequenced package is as complete as its root activity, rolled up by the manifest's rules;
        # until the engine has reported, the SCOs' statuses count and the package is not met.
        rollup = sequencing_rollup(
            sequencing=attempt.package.sequencing,
            state=attempt.sequencing_state,
            rule=placement.completion_rule,
            by_scos=rollup,
        ) or dataclasses.replace(rollup, met=False)
    attempt.completion_status = rollup.completion
    attempt.success_status = rollup.success
    attempt.score_raw = rollup.score_raw
    attempt.score_scaled = rollup.score_scaled
    attempt.total_seconds = sum(seconds for item in data.values() for seconds in (item.get("sessions") or {}).values())
    newly_complete = False
    if attempt.completed_at is None and rollup.met:
        attempt.completed_at = timezone.now()
        newly_complete = True
    attempt.save(
        update_fields=[
            "cmi",
            "sequence",
            "sequencing_state",
            "last_sco",
            "completion_status",
            "success_status",
            "score_raw",
            "score_scaled",
            "location",
            "total_seconds",
            "completed_at",
            "updated_at",
        ]
    )
    if newly_complete:
        _module_complete_if_possible(member=member, attempt=attempt)


@transaction.atomic
def attempt_commit(
    *,
    attempt_id: int,
    member: User,
    sequence: int,
    sco: str,
    session: str,
    cmi: dict[str, Any],
    placement: ScormPlacement | CommitGrant,
    sequencing_state: str | None = None,
    activity_attempt: int | None = None,
) -> CommitOutcome:
    """Store one SCO's whole CMI as the runtime committed it.

    Commits are ordered per SCO: one whose sequence number is not above the
    last stored for the same SCO is stale or repeated, and changes nothing
    (`stored` is False); another SCO's commits never make it stale. An element
    over its limit (suspend data) is refused and the SCO keeps its earlier
    value, while the rest of the commit is stored (`refused` names it). Total
    time is the sum of each session's latest session time. The attempt's
    status and score are rolled up from all SCOs by the block's rule. Two
    queries (lock, update), plus the module's completion the first time the
    package is complete. `sequencing_state` (SCORM 2004 sequencing: the
    engine's serialized activity tree, attempt counts and objectives) is kept
    when the commit is the attempt's newest, and refused when over
    SEQUENCING_STATE_LIMIT characters. `activity_attempt` (sequencing) numbers the engine's
    attempt at the SCO's activity that this CMI belongs to, so a new attempt starts afresh.
    """
    attempt = _locked_attempt(attempt_id, member)
    if sco not in {item["identifier"] for item in attempt.package.scos}:
        raise AttemptError("This package has no such SCO.")
    entry = dict(attempt.cmi.get(sco) or {})
    if sequence <= int(entry.get("sequence") or 0):
        return CommitOutcome(stored=False)
    refused = []
    suspend_data = cmi.get("suspend_data")
    if suspend_data is not None and not (isinstance(suspend_data, str) and len(suspend_data) <= suspend_data_limit()):
        cmi = {**cmi, "suspend_data": (entry.get("cmi") or {}).get("suspend_data", "")}
        refused.append("cmi.suspend_data")
    if sequencing_state is not None and len(sequencing_state) > SEQUENCING_STATE_LIMIT:
        sequencing_state = None
        refused.append("sequencing")
    manifest_sco = next(item for item in attempt.package.scos if item["identifier"] == sco)
    state = sco_state(cmi, placement.mastery_score, manifest_sco)
    sessions = dict(entry.get("sessions") or {})
    sessions[session[:64]] = state["session_seconds"]
    entry.update(cmi=cmi, sessions=sessions, sequence=sequence)
    if activity_attempt is not None:
        entry["activity_attempt"] = activity_attempt  # which attempt of its activity this CMI belongs to
    newest = sequence > attempt.sequence
    _record(
        attempt=attempt,
        member=member,
        sco=sco,
        entry=entry,
        state=state,
        placement=placement,
        sequence=sequence,
        sequencing_state=sequencing_state,
    )
    if newest and sequencing_state:
        _global_objectives_store(member=member, package=attempt.package, state=sequencing_state)
    return CommitOutcome(stored=True, refused=refused)


def _global_objectives_store(*, member: User, package: ScormPackage, state: str) -> None:
    """Keep, for the learner, what the engine's newest state says of the global objectives
    this package writes, so every package mapping them reads it (global_objectives_of). Only
    the fields its write maps name are taken: a package that only reads an objective never
    overwrites another's write. Runs in the commit's transaction: one query to lock the rows
    and one to write them, no write when nothing changed, no query at all when the package
    writes no global objective. An objective ID longer than the column (1,000 characters,
    where the standard allows 4,000) stays within the package's own engine state."""
    longest = ScormGlobalObjective._meta.get_field("objective_id").max_length or 0
    writes = {
        target: fields
        for target, fields in global_objectives_mapped(package.sequencing or {}).items()
        if len(target) <= longest
    }
    written = global_objectives_written(state=state, writes=writes)
    if not written:
        return
    existing = {
        row.objective_id: row
        for row in ScormGlobalObjective.objects.select_for_update().filter(member=member, objective_id__in=written)
    }
    changed = []
    for target, values in written.items():
        row = existing.get(target) or ScormGlobalObjective(member=member, objective_id=target)
        merged = {**row.state, **values}
        if row.pk is None or merged != row.state:
            row.state = merged
            changed.append(row)
    # A row another commit created meanwhile (there was none to lock) is overwritten with this one's fields.
    ScormGlobalObjective.objects.bulk_create(
        changed, update_conflicts=True, unique_fields=["member", "objective_id"], update_fields=["state", "updated_at"]
    )


@transaction.atomic
def _asset_complete(*, attempt_id: int, member: User, sco: str, placement: ScormPlacement) -> ScormAttempt:
    """An asset never calls the API, so opening it completes it."""
    attempt = _locked_attempt(attempt_id, member)
    entry = dict(attempt.cmi.get(sco) or {})
    if not entry.get("met"):
        state = {
            "completion": "completed",
            "success": "unknown",
            "score_raw": None,
            "score_scaled": None,
            "location": attempt.location,
        }
        _record(
            attempt=attempt,
            member=member,
            sco=sco,
            entry=entry,
            state=state,
            placement=placement,
            sequence=commit_sequence_start(),
        )
    return attempt


def _module_complete_if_possible(*, member: User, attempt: ScormAttempt) -> None:
    """A completed package completes its module through courses, unless something else
    in the module (another required activity) still holds it, the member is not enrolled
    or the module was unpublished: the attempt still records the completion."""
    module_complete_unless_held(member=member, module=ModulePage.objects.get(pk=attempt.module_id))
