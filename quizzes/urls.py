from django.urls import path

from quizzes import bank_views, views

app_name = "quizzes"

urlpatterns = [
    path("module/<int:module_id>/quiz/<int:quiz_id>/start/", views.quiz_start, name="start"),
    path("attempt/<int:attempt_id>/", views.attempt_detail, name="attempt"),
    path("attempt/<int:attempt_id>/save/", views.attempt_save_view, name="save"),
    path("attempt/<int:attempt_id>/submit/", views.attempt_submit_view, name="submit"),
    path("answer/<int:response_id>/mark/", views.response_mark_view, name="mark"),
    path("quiz/<int:quiz_id>/analysis/", views.quiz_analysis, name="analysis"),
    path("quiz/<int:quiz_id>/analysis.csv", views.quiz_analysis_csv, name="analysis_csv"),
    path("bank/import/", bank_views.bank_import, name="bank_import"),
    path("bank/export/", bank_views.bank_export, name="bank_export"),
]
