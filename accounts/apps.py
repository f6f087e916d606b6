from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Members"
    default_auto_field = "django.db.models.BigAutoField"


class MembersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms for our user model (full name, no first/last)."""

    user_viewset = "accounts.admin_views.MemberViewSet"
