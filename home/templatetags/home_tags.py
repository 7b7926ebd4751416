from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from home.models import OrganisationSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current address in each language of the site, for the language switcher."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    return [
        {"code": code, "name": name, "url": translate_url(path, code), "is_current": code == current}
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def social_image(context, page):
    """The page's sharing image, else the organisation's default image (or None)."""
    getter = getattr(page, "get_social_image", None)
    image = getter() if getter else None
    if image:
        return image
    request = context.get("request")
    if request is None:
        return None
    return OrganisationSettings.for_request(request).default_social_image


@register.filter
def absolute_url(url, request):
    if not url:
        return ""
    return request.build_absolute_uri(url) if request else url


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(page):
    ancestors = Page.objects.ancestor_of(page).filter(depth__gt=1).only("id", "title", "url_path", "depth", "path")
    return {"ancestors": list(ancestors), "current": page}
