"""Writes for SCORM packages: upload, then extraction by the worker."""

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from scorm.models import ScormPackage, _folder
from scorm.packages import PackageError, package_extract_to, package_inspect


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
        for name in saved:
            default_storage.delete(name)
        return _package_finish(package, failure=str(error))
    package.title = manifest.title[:255]
    package.version = manifest.version
    package.scos = [
        {"identifier": s.identifier, "title": s.title, "launch": s.launch, "depth": s.depth} for s in manifest.scos
    ]
    package.unpacked_bytes = manifest.unpacked_bytes
    return _package_finish(package, failure="")


def _package_finish(package: ScormPackage, *, failure: str) -> ScormPackage:
    package.status = ScormPackage.Status.FAILED if failure else ScormPackage.Status.READY
    package.failure_reason = failure
    package.processed_at = timezone.now()
    package.save()
    return package
