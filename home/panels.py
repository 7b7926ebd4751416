"""Editor panels shared by every app's page types."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.panels import InlinePanel as WagtailInlinePanel


class ReadOnlyPanel(FieldPanel):
    """A field staff see but never change (a signatory's consent, a confirmation date), written as
    they read it: "Oui"/"Non", a date in Paris time, "–" when empty (Wagtail shows True, None)."""

    def __init__(self, field_name, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, *args, **kwargs)

    def format_value_for_display(self, value):
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if value is None or value == "":
            return "–"
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        return super().format_value_for_display(value)


class InlinePanel(WagtailInlinePanel):
    """Wagtail's InlinePanel with editor-friendly wording.

    - ``add_label`` replaces the add button's text: Wagtail builds it from the item label ("Ajouter
      un(e) Question"), which French cannot write naturally, and uses that label for each item's
      heading too ("Question 1"). It goes through the ``add_button`` block of Wagtail's template.
    - ``min_num_message`` replaces Django's "Veuillez soumettre au moins 1 formulaire." when fewer
      than ``min_num`` items are published ("Ajoutez au moins une question.").
    """

    def __init__(self, *args, add_label="", min_num_message="", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_label = add_label
        self.min_num_message = min_num_message

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label, "min_num_message": self.min_num_message}

    def get_form_options(self):
        options = super().get_form_options()
        if self.min_num_message:
            formset_class = type(
                "ChildFormSet",
                (BaseChildFormSet,),
                {"default_error_messages": {"too_few_forms": self.min_num_message}},
            )
            options["formsets"][self.relation_name]["formset"] = formset_class
        return options

    class BoundPanel(WagtailInlinePanel.BoundPanel):
        template_name = "home/admin/inline_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["add_label"] = self.panel.add_label
            return context


def page_settings_help():
    """The last panel of every page's "Réglages" tab: where Wagtail 8 puts scheduling and privacy."""
    return HelpPanel(template="home/admin/page_settings_help.html")
