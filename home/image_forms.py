"""The Wagtail image form of the admin (``WAGTAILIMAGES_IMAGE_FORM_BASE``): a damaged file is refused
with a message instead of a server error.

Wagtail reads an uploaded image's size through Pillow while validating it, and Pillow raises
``OSError`` (or ``SyntaxError``) on a file cut short or corrupt, e.g. an interrupted transfer from a
phone: Wagtail lets that through as a 500, in the uploader, the image chooser and the edit form.
"""

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

DAMAGED_IMAGE_MESSAGE = _(
    "This image file is damaged or incomplete and cannot be read. Open it in an image editor, save it "
    "again, then upload the new file."
)


class CheckedImageField(WagtailImageField):
    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError) as error:
            raise ValidationError(DAMAGED_IMAGE_MESSAGE, code="damaged_image") from error


class ImageForm(BaseImageForm):
    file = CheckedImageField(label=capfirst(get_image_model()._meta.get_field("file").verbose_name))
