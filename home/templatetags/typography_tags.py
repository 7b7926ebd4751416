"""French typography in templates: ``{{ page.title|typo }}``, ``{% filter typo %}…{% endfilter %}`` and
``{{ name|de }}`` ("de Bruno", "d’Aïcha"). The rules are in home/typography.py."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

from home import typography

register = template.Library()


def french_active():
    return (get_language() or "").split("-")[0] == "fr"


@register.filter(is_safe=True, needs_autoescape=True)
def typo(value, autoescape=True):
    """French typography on ``value`` when the active language is French; HTML stays HTML (only its text
    changes), plain text is escaped first when autoescaping is on."""
    if value is None or value == "" or not french_active():
        return value
    if isinstance(value, SafeData):
        return mark_safe(typography.french_html(value))  # noqa: S308 - only text nodes change, re-escaped
    if autoescape:
        return mark_safe(typography.french_html(conditional_escape(value)))  # noqa: S308 - escaped first
    return typography.french_text(value)


@register.filter
def de(name):
    """ "de" before ``name``, elided in French ("d’Aïcha", "d’Hélène", "de Bruno")."""
    if not french_active():
        return name
    return typography.de(name)
