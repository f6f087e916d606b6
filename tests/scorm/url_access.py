"""Who may open each scorm view (gathered by tests/test_url_access.py). The
commit endpoint further checks the signed attempt token against the session's
member and the Origin header: tests/scorm/test_commit_endpoint.py."""

PUBLIC: set[str] = set()
MEMBERS_ONLY = {"scorm.views.commit", "scorm.views.player"}
# The trainer report in the Wagtail admin; the view also checks scorm.change_scormpackage.
ADMIN_ONLY = {"scorm.admin_views.report", "scorm.admin_views.report_csv"}
