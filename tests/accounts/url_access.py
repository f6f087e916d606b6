"""The accounts app's entries for tests/test_url_access.py."""

# The Wagtail user admin's add and edit views, ours so that a change of role is audited
# (Wagtail's own permission checks: only administrators manage members).
ADMIN_ONLY = {"accounts.admin_views.view"}
