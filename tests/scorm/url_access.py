"""Who may open each scorm view (gathered by tests/test_url_access.py). The
commit endpoint further checks the signed attempt token against the session's
member and the Origin header: tests/scorm/test_commit_endpoint.py."""

PUBLIC: set[str] = set()
MEMBERS_ONLY = {"scorm.views.commit", "scorm.views.player"}
# The trainer report, its CSVs and "Make a course" in the Wagtail admin; the views also check
# scorm.change_scormpackage, and the reports show only the modules the trainer runs.
ADMIN_ONLY = {
    "scorm.admin_views.report",
    "scorm.admin_views.report_csv",
    "scorm.admin_views.report_activities_csv",
    "scorm.admin_views.course_create",
}
