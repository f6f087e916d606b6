from django.db import transaction

from accounts.models import User
from courses.api import CourseError, ModulePage, member_enrolled, module_complete_unless_held
from tests.reading_check.blocks import reading_placements
from tests.reading_check.models import ReadingConfirmation


@transaction.atomic
def reading_confirm(*, member: User, module: ModulePage, block_id: str) -> bool:
    """Record the member's confirmation, then complete the module unless something else holds it.
    Raises CourseError for a check not on the page or a member not enrolled. Returns whether the
    module is now complete."""
    if all(placement.block_id != block_id for placement in reading_placements(module)):
        raise CourseError("That reading check is no longer on this page.")
    if not member_enrolled(member=member, module=module):
        raise CourseError("Enrol on this course to record your progress.")
    ReadingConfirmation.objects.get_or_create(member=member, module=module, block_id=block_id)
    return module_complete_unless_held(member=member, module=module)
