from django import template
from django.apps import apps

register = template.Library()


@register.simple_tag
def page_type_icon(app_label, model_name):
    """The admin icon a page type declares (``admin_icon``), for the "choose a page type" screen."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return "doc-empty"
    return getattr(model, "admin_icon", "doc-empty")
