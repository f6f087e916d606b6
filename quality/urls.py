from django.urls import path

from quality import views

app_name = "quality"

urlpatterns = [
    path("", views.statement_list, name="statement_list"),
    path("statements/<slug:slug>/", views.statement_detail, name="statement_detail"),
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/new/", views.assessment_new, name="assessment_new"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:assessment_id>/statements/<int:number>/", views.response_edit, name="response_edit"),
    path("assessments/<int:assessment_id>/team/", views.team, name="team"),
    path(
        "assessments/<int:assessment_id>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_withdraw_view,
        name="invitation_withdraw",
    ),
    path("assessments/<int:assessment_id>/actions/", views.action_plan, name="action_plan"),
    path(
        "assessments/<int:assessment_id>/actions/suggested/<int:item_id>/",
        views.action_add_suggested_view,
        name="action_add_suggested",
    ),
    path("assessments/<int:assessment_id>/actions/<int:action_id>/", views.action_edit, name="action_edit"),
    path("assessments/<int:assessment_id>/complete/", views.assessment_complete_view, name="assessment_complete"),
    path("assessments/<int:assessment_id>/next/", views.assessment_next_view, name="assessment_next"),
    path("assessments/<int:assessment_id>/assessment.pdf", views.assessment_pdf_view, name="assessment_pdf"),
    path("assessments/<int:assessment_id>/assessment.csv", views.assessment_csv_view, name="assessment_csv"),
    path("invitations/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
]
