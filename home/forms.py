"""Editor forms shared by the page types: images need an alternative text or an explicit "decorative" tick."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

ALT_TEXT_HELP = _("Describe what the image shows for people who cannot see it. Required unless decorative.")


def decorative_image_field():
    """The "Décorative" box of a page image whose alternative text is a plain model field.

    Not stored: a page image is decorative exactly when it has no alternative text, which is how the
    templates render it (``alt=""``). The box makes that choice explicit in the editor.
    """
    return forms.BooleanField(
        label=_("Decorative image"),
        required=False,
        help_text=_("Tick only if the image adds no information (it will be ignored by screen readers)."),
    )


class DecorativeImagesPageForm(WagtailAdminPageForm):
    """A page form whose images demand an alternative text or the "decorative" box.

    Subclasses declare one ``decorative_image_field()`` per image and list
    ``decorative_images = [(image field, alternative text field, decorative form field), ...]``.
    """

    decorative_images = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for image, alt, decorative in self.decorative_images:
            if decorative in self.fields and decorative not in self.initial:
                has_image = getattr(self.instance, f"{image}_id", None) is not None
                self.initial[decorative] = has_image and not (getattr(self.instance, alt, "") or "").strip()

    def clean(self):
        cleaned_data = super().clean()
        for image, alt, decorative in self.decorative_images:
            if decorative not in self.fields or not cleaned_data.get(image):
                continue
            if cleaned_data.get(decorative):
                cleaned_data[alt] = ""
            elif alt in cleaned_data and not (cleaned_data[alt] or "").strip():
                self.add_error(alt, _("Describe the image, or tick “Decorative image” if it adds no information."))
        return cleaned_data


class HomePageForm(DecorativeImagesPageForm):
    hero_image_decorative = decorative_image_field()
    decorative_images = [("hero_image", "hero_image_alt", "hero_image_decorative")]
