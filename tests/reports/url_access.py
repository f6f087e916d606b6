# Every report page sends an anonymous visitor to sign in; who else may read it is tested in
# tests/reports/ (and the course reports' owners by tests/test_object_access.py).
MEMBERS_ONLY = {
    "reports.views.dashboard",
    "reports.views.figure_csv",
    "reports.views.course_list",
    "reports.views.course_detail",
    "reports.views.course_csv",
    "reports.views.learner_detail",
}
