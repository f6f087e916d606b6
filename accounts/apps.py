from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig

# Models of the libraries we use (and the audit trail) that point at a member, and
# why the member's download leaves them out: each records what staff did (to site
# content in the CMS: authored, locked, uploaded, reviewed), not data about the member.
LIBRARY_MODELS_NOT_EXPORTED = {
    "wagtailcore.Page": "owner and locked_by: who created or locked a page of site content",
    "wagtailcore.Revision": "who saved a revision of site content",
    "wagtailcore.PageLogEntry": "the CMS audit log of actions on pages",
    "wagtailcore.ModelLogEntry": "the CMS audit log of actions on snippets and settings",
    "wagtailcore.WorkflowState": "who submitted content for moderation",
    "wagtailcore.TaskState": "who approved or rejected content in moderation",
    "wagtailcore.Comment": "editors' comments on page drafts",
    "wagtailcore.CommentReply": "editors' replies to comments on page drafts",
    "wagtailcore.PageSubscription": "an editor's choice to be notified of comments on a page",
    "wagtailcore.UploadedFile": "a file an editor is uploading, deleted once used",
    "wagtaildocs.Document": "who uploaded a document of site content",
    "wagtailimages.Image": "who uploaded an image of site content",
    "wagtailadmin.EditingSession": "who has a CMS editor open, kept for minutes",
    "wagtailadmin.FormState": "unsaved CMS form state",
    "wagtailusers.UserProfile": "CMS preferences (theme, notifications), no personal data beyond the account",
    "accounts.User_user_permissions": "per-member permissions are not used: roles are groups, exported as the role",
    # Not a library, but below accounts in the import order, so accounts registers it.
    "audit.AuditEntry": "actor: the staff member who acted on someone else's record; the audit trail is kept "
    "for accountability, and an erasure reduces the member in it to their id (audit_forget)",
}


class AccountsConfig(AppConfig):
    default = True  # this module holds two configs; this one is the app's own
    name = "accounts"
    verbose_name = "Members"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.personal_data import personal_data_models_exported, personal_data_not_exported

        # accounts.selectors.member_export_data exports these itself (the role is read from the groups).
        personal_data_models_exported(section="email_addresses", models=["account.EmailAddress"])
        personal_data_models_exported(section="profile", models=["accounts.User_groups"])
        personal_data_models_exported(section="enews_consent", models=["accounts.EnewsConsentChange"])
        for model, reason in LIBRARY_MODELS_NOT_EXPORTED.items():
            personal_data_not_exported(model=model, reason=reason)


class MembersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms for our user model (full name, no first/last)."""

    user_viewset = "accounts.admin_views.MemberViewSet"
