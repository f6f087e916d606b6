"""The image upload form (WAGTAILIMAGES_IMAGE_FORM_BASE): its own module,
because Wagtail's image forms need the models loaded."""

from typing import Any

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

NOT_AN_IMAGE = "This file is not a valid image. Upload a GIF, JPEG, PNG or WebP file."


def image_decodes(upload: Any) -> bool:
    """Whether Pillow can read the whole file as an image, every pixel of it."""
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            image.verify()  # the structure and checksums
        upload.seek(0)
        with PILImage.open(upload) as image:
            image.load()  # every pixel: a truncated or disguised file fails here
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for hostile input; each gets the same answer
        return False
    finally:
        upload.seek(0)
    return True


class VerifiedImageField(WagtailImageField):
    """Wagtail's image field, which recognises an image by its first bytes,
    after a full decode: a file that starts `GIF89a` and goes on as HTML, or
    a truncated PNG, is a form error instead of a server error later, when
    Wagtail reads its size."""

    def to_python(self, data: Any) -> Any:
        if data is not None and hasattr(data, "read") and data.size and not image_decodes(data):
            raise ValidationError(NOT_AN_IMAGE, code="invalid_image")
        return super().to_python(data)


class VerifiedImageForm(BaseImageForm):
    file = VerifiedImageField(label="File")
