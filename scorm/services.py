"""Writes for SCORM: packages (upload, then extraction by the worker), opening the
player on a learner's attempt, and storing the runtime's commits."""

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.api import ModulePage, member_enrolled, module_complete_unless_held
from scorm.blocks import ScormPlacement
from scorm.models import ScormAttempt, ScormPackage, _folder
from scorm.packages import PackageError, package_extract_to, package_inspect
from scorm.runtime import resume_values, rule_met, sco_state
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
        {"identifier": s.identifier, "title": s.title, "launch": s.launch, "depth": s.depth} for s in manifest.scos
    ]
    package.unpacked_bytes = manifest.unpacked_bytes
    return _package_finish(package, failure="")


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
    resume: dict[str, str]

    @property
    def contents(self) -> list[dict[str, Any]]:
        """The manifest's SCOs for the table of contents, each marked done when the attempt met it."""
        return [
            {**item, "done": bool((self.attempt.cmi.get(item["identifier"]) or {}).get("met"))}
            for item in self.package.scos
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
    for, else the first the attempt has not yet met, else the first. Its
    stored CMI is handed back as the runtime's starting values (resume)."""
    if not member_enrolled(member=member, module=module):
        raise AttemptError("Enrol on this course to take its packages.")
    package = ScormPackage.objects.filter(pk=placement.package_id).first()
    if package is None or package.status != ScormPackage.Status.READY or not package.scos:
        raise AttemptError("This package is not ready yet. Please try again later.")
    attempt = attempt_current(member=member, module=module, placement=placement)
    done = attempt.cmi
    sco = next((item for item in package.scos if item["identifier"] == sco_identifier), None) or next(
        (item for item in package.scos if not (done.get(item["identifier"]) or {}).get("met")), package.scos[0]
    )
    entry = done.get(sco["identifier"]) or {}
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
        ),
        session=uuid.uuid4().hex,
        resume=resume_values(
            version=package.version,
            stored=entry.get("cmi") or {},
            learner_id=str(member.pk),
            learner_name=member.full_name or member.email,
            total_seconds=sum((entry.get("sessions") or {}).values()),
            mastery_score=placement.mastery_score,
        ),
    )


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
) -> bool:
    """Store one SCO's whole CMI as the runtime committed it.

    Returns False (and changes nothing) for a commit whose sequence number is
    not above the last one stored: stale or repeated. Total time is the sum of
    each session's latest session time, so periodic commits within a session
    replace its time and new sessions add to it. Two queries (lock, update),
    plus the module's completion the first time the package is complete.
    """
    try:
        attempt = (
            ScormAttempt.objects.select_for_update(of=("self",))
            .select_related("package")
            .get(pk=attempt_id, member=member)  # get(): no ORDER BY, unlike first()
        )
    except ScormAttempt.DoesNotExist:
        raise AttemptError("This attempt is not yours.") from None
    if sco not in {item["identifier"] for item in attempt.package.scos}:
        raise AttemptError("This package has no such SCO.")
    if sequence <= attempt.sequence:
        return False
    state = sco_state(cmi, placement.mastery_score)
    data = dict(attempt.cmi)
    entry = dict(data.get(sco) or {})
    sessions = dict(entry.get("sessions") or {})
    sessions[session[:64]] = state["session_seconds"]
    entry.update(
        cmi=cmi,
        sessions=sessions,
        completion=state["completion"],
        success=state["success"],
        met=rule_met(placement.completion_rule, state["completion"], state["success"]),
    )
    data[sco] = entry
    attempt.cmi = data
    attempt.sequence = sequence
    attempt.completion_status = state["completion"]
    attempt.success_status = state["success"]
    attempt.score_raw = state["score_raw"]
    attempt.score_scaled = state["score_scaled"]
    attempt.location = state["location"]
    attempt.total_seconds = sum(seconds for item in data.values() for seconds in (item.get("sessions") or {}).values())
    newly_complete = False
    if attempt.completed_at is None and _all_scos_met(attempt, data):
        attempt.completed_at = timezone.now()
        newly_complete = True
    attempt.save(
        update_fields=[
            "cmi",
            "sequence",
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
    return True


def _all_scos_met(attempt: ScormAttempt, data: dict[str, Any]) -> bool:
    identifiers = [item["identifier"] for item in attempt.package.scos]
    return bool(identifiers) and all((data.get(identifier) or {}).get("met") for identifier in identifiers)


def _module_complete_if_possible(*, member: User, attempt: ScormAttempt) -> None:
    """A completed package completes its module through courses, unless something else
    in the module (another required activity) still holds it, the member is not enrolled
    or the module was unpublished: the attempt still records the completion."""
    module_complete_unless_held(member=member, module=ModulePage.objects.get(pk=attempt.module_id))
