PUBLIC = {
    "certificates.views.verify_form",
    "certificates.views.verify",
    "certificates.views.jwks",
}
MEMBERS_ONLY = {
    "certificates.views.my_certificates",
    "certificates.views.certificate_pdf",
    "certificates.views.certificate_credential",
}
# Wagtail admin views for administrators (register_admin_urls wraps them in Wagtail's admin check).
ADMIN_ONLY = {
    "certificates.admin_views.certificate_list",
    "certificates.admin_views.certificate_revoke_view",
    "certificates.admin_views.certificate_reissue_view",
}
