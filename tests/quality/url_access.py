PUBLIC = {
    "quality.views.statement_list",
    "quality.views.statement_detail",
}
MEMBERS_ONLY = {
    "quality.views.assessment_list",
    "quality.views.assessment_new",
    "quality.views.assessment_detail",
    "quality.views.response_edit",
    "quality.views.team",
    "quality.views.invitation_withdraw_view",
    "quality.views.invitation_accept_view",
    "quality.views.action_plan",
    "quality.views.action_add_suggested_view",
    "quality.views.action_edit",
    "quality.views.assessment_complete_view",
    "quality.views.assessment_next_view",
    "quality.views.assessment_pdf_view",
    "quality.views.assessment_csv_view",
}
ADMIN_ONLY = {"quality.admin_views.ratings_report"}
