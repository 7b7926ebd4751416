"""``{% sections "home" %}``: the sections feature apps registered for a place (home/sections.py)."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from home.sections import sections_for

register = template.Library()


@register.simple_tag(takes_context=True)
def sections(context, place):
    request = context.get("request")
    parts = []
    for _order, template_name, build in sections_for(place):
        extra = build(request) if build is not None else {}
        if extra is None:
            continue
        with context.push(**extra):
            parts.append(get_template(template_name).template.render(context))
    return mark_safe("".join(parts))  # noqa: S308 (rendered templates, autoescaped)
