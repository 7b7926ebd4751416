"""The news index's filters, sent with GET: they work without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

CATEGORY_PARAM = "categorie"
TAG_PARAM = "etiquette"


class NewsFilterForm(forms.Form):
    categorie = forms.ChoiceField(label=_("Category"), required=False)
    etiquette = forms.ChoiceField(label=_("Tag"), required=False)

    def __init__(self, *args, categories=(), tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {category.slug: category for category in categories}
        self.tags = {tag.slug: tag for tag in tags}
        self.fields[CATEGORY_PARAM].choices = [("", _("All categories"))] + [
            (category.slug, category.name) for category in categories
        ]
        self.fields[TAG_PARAM].choices = [("", _("All tags"))] + [(tag.slug, tag.name) for tag in tags]

    @property
    def category(self):
        slug = getattr(self, "cleaned_data", {}).get(CATEGORY_PARAM)
        return self.categories.get(slug) if slug else None

    @property
    def tag(self):
        slug = getattr(self, "cleaned_data", {}).get(TAG_PARAM)
        return self.tags.get(slug) if slug else None

    @property
    def is_filtered(self):
        return self.category is not None or self.tag is not None
