from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("account/certificates/", views.my_certificates, name="mine"),
    path("account/certificates/<int:certificate_id>/pdf/", views.certificate_pdf, name="pdf"),
    path("account/certificates/<int:certificate_id>/credential.jwt", views.certificate_credential, name="credential"),
]
