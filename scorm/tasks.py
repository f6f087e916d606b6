from celery import shared_task

from scorm.services import package_process


@shared_task(name="scorm.package_extract", acks_late=True)
def package_extract(package_id: int) -> str:
    """Extract an uploaded package (see scorm.services.package_process)."""
    return package_process(package_id).status
