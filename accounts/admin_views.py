from typing import Any

from wagtail.users.views.users import UserViewSet

from accounts.forms import WagtailMemberCreationForm, WagtailMemberEditForm


class MemberViewSet(UserViewSet):
    """Wagtail's user admin with our profile fields (administrators manage members and roles here)."""

    def get_form_class(self, for_update: bool = False) -> Any:
        return WagtailMemberEditForm if for_update else WagtailMemberCreationForm
