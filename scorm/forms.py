from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from scorm.packages import PackageError, package_inspect


class PackageUploadForm(WagtailAdminModelForm):
    """Checks the zip when it is uploaded, so a trainer hears at once what is
    wrong; the worker checks it again before extracting."""

    def clean_upload(self) -> object:
        upload = self.cleaned_data.get("upload")
        if upload is not None and hasattr(upload, "seek") and "upload" in self.changed_data:
            try:
                upload.seek(0)
                package_inspect(upload)
            except PackageError as error:
                raise forms.ValidationError(str(error)) from None
            finally:
                upload.seek(0)
        return upload

    def save(self, commit: bool = True) -> object:
        # Read by the after-save hook: a change of settings alone (the content
        # policy) must not extract the package again into a new folder.
        self.instance.upload_changed = "upload" in self.changed_data
        return super().save(commit=commit)
