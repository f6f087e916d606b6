from typing import Any

from django.db import transaction
from wagtail.users.views.users import CreateView, EditView, UserViewSet

from accounts.choices import Role
from accounts.forms import WagtailMemberCreationForm, WagtailMemberEditForm
from accounts.models import User
from accounts.roles import role_of
from accounts.services import member_role_change_record


class MemberEditView(EditView):
    """Saving the form and auditing a change of role (its groups) in one transaction."""

    def save_instance(self) -> Any:
        role_before = role_of(User.objects.get(pk=self.object.pk))
        with transaction.atomic():
            member = super().save_instance()
            member_role_change_record(member=member, role_before=role_before, actor=self.request.user)
        return member


class MemberCreateView(CreateView):
    def save_instance(self) -> Any:
        with transaction.atomic():
            member = super().save_instance()
            member_role_change_record(member=member, role_before=Role.LEARNER, actor=self.request.user)
        return member


class MemberViewSet(UserViewSet):
    """Wagtail's user admin with our profile fields (administrators manage members and roles here)."""

    add_view_class = MemberCreateView
    edit_view_class = MemberEditView

    def get_form_class(self, for_update: bool = False) -> Any:
        return WagtailMemberEditForm if for_update else WagtailMemberCreationForm
