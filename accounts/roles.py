"""The staff roles in one place: the groups that carry them and who holds which.

Everyone is a learner; trainers and administrators are Django groups (created
by `accounts/migrations/0002`, which keeps its literal names). Code asks these
helpers instead of naming a group.
"""

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from accounts.choices import Role

if TYPE_CHECKING:
    from accounts.models import User

TRAINERS_GROUP = "Trainers"
ADMINISTRATORS_GROUP = "Administrators"
# Commissioners read the service dashboard (reports/) and nothing else: the group carries no permission,
# gives no CMS access and is not a staff role; the reports app creates it and asks is_commissioner.
COMMISSIONERS_GROUP = "Commissioners"
# The group that carries each staff role's permissions.
ROLE_GROUPS = {Role.TRAINER: TRAINERS_GROUP, Role.ADMINISTRATOR: ADMINISTRATORS_GROUP}


def _group_names(user: Any) -> set[str]:
    # Read once per user object: a page asks several times, and groups change only through member_set_role.
    names = getattr(user, "_role_group_names", None)
    if names is None:
        names = {group.name for group in user.groups.all()}
        user._role_group_names = names
    return names


def role_of(user: Any) -> Role:
    """The highest role a member holds (groups are the source of truth)."""
    if not getattr(user, "is_authenticated", False):
        return Role.LEARNER
    if user.is_superuser or ADMINISTRATORS_GROUP in _group_names(user):
        return Role.ADMINISTRATOR
    if TRAINERS_GROUP in _group_names(user):
        return Role.TRAINER
    return Role.LEARNER


def is_administrator(user: Any) -> bool:
    return role_of(user) == Role.ADMINISTRATOR


def is_staff_member(user: Any) -> bool:
    """A trainer or an administrator."""
    return role_of(user) in (Role.TRAINER, Role.ADMINISTRATOR)


def is_commissioner(user: Any) -> bool:
    """A member of the Commissioners group (administrators are not counted: they see more)."""
    return bool(getattr(user, "is_authenticated", False)) and COMMISSIONERS_GROUP in _group_names(user)


def forget_roles(user: Any) -> None:
    """Drop what role_of remembered about `user` (after its groups changed)."""
    user.__dict__.pop("_role_group_names", None)


def staff_members() -> "QuerySet[User]":
    """Every trainer and administrator: whom a workshop or course may name as its trainers."""
    from accounts.models import User

    return (
        User.objects.filter(Q(is_superuser=True) | Q(groups__name__in=ROLE_GROUPS.values()), is_active=True)
        .distinct()
        .order_by("full_name", "email")
    )
