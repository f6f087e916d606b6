from typing import Any

from django import template

from scorm.models import ScormAttempt
from scorm.selectors import latest_attempt

register = template.Library()


@register.simple_tag
def scorm_block_attempt(package: Any, page: Any, user: Any) -> ScormAttempt | None:
    """The member's latest attempt at the package in this module (None in a preview or when signed out)."""
    if package is None or page is None or not getattr(page, "pk", None) or not getattr(user, "is_authenticated", False):
        return None
    return latest_attempt(member=user, module=page, package_id=package.pk)
