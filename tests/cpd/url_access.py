# The evaluation results are for staff: a learner who signs in gets 404 (tests/cpd/test_evaluation.py).
MEMBERS_ONLY = {
    "cpd.views.record",
    "cpd.views.entry_add",
    "cpd.views.entry_edit",
    "cpd.views.entry_delete",
    "cpd.views.record_pdf",
    "cpd.views.record_csv",
    "cpd.views.evaluate_course",
    "cpd.views.evaluate_workshop",
    "cpd.views.results",
}
