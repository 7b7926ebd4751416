import hashlib

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture, SourceImageIOError
from wagtail.models import Page, Site

from home.cache import generation_cached
from home.models import AccessibilityStatementPage, NavigationSettings, OrganisationSettings
from home.site_url import absolute
from home.structured_data import breadcrumb_list, json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current address in each language of the site, for the language switcher."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": _local_address(translate_url(path, code), code),
            "is_current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


def _local_address(url, code):
    """``url`` if it stays on this site, else the home page in that language.

    A request for ``/%2F%2Fevil.example/`` has the path ``//evil.example/``: written as a link, browsers
    read it as another host (an open redirect from the 404 page's language switcher)."""
    if url.startswith("/") and not url.startswith(("//", "/\\")) and url_has_allowed_host_and_scheme(url, None):
        return url
    return translate_url("/", code)


@register.simple_tag(takes_context=True)
def site_links(context, menu):
    """The links of a menu of the navigation settings ("primary_links" or "footer_links"), as
    ``{"href", "text"}`` dictionaries, kept in the cache until the next publish or settings change
    (resolving the pages they point to costs a query otherwise)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    def build():
        links = getattr(NavigationSettings.for_request(request), menu)
        return [{"href": block.value.href, "text": block.value.link_text} for block in links if block.value.href]

    return generation_cached(f"links:{site.pk}:{menu}:{get_language()}", build)


SOCIAL_IMAGE_FILTER = "fill-1200x630"


@register.simple_tag(takes_context=True)
def social_image_rendition(context, page):
    """The page's sharing image (else the organisation's default one) cut for social networks, as
    ``{"url", "width", "height"}``, or None. Kept in the cache until the next purge (saving an image
    starts one), so that the meta tags of a page cost no query."""
    getter = getattr(page, "get_social_image_id", None)
    image_id = getter() if getter else None
    request = context.get("request")
    if not image_id and request is not None:
        image_id = OrganisationSettings.for_request(request).default_social_image_id
    if not image_id:
        return None

    def build():
        image = get_image_model().objects.filter(pk=image_id).first()
        if image is None:
            return None
        try:
            rendition = image.get_rendition(SOCIAL_IMAGE_FILTER)
        except SourceImageIOError:  # the original file is missing: share the page without an image
            return None
        return {"url": rendition.url, "width": rendition.width, "height": rendition.height}

    return generation_cached(f"social-image:{image_id}:{SOCIAL_IMAGE_FILTER}", build)


@register.filter
def absolute_url(url, request=None):
    """``url`` on the site's public address (the Site record, home/site_url.py), never the request's host."""
    return absolute(url, request)


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(page):
    """The page's ancestors below the tree's root: from the parents routing attached (home/routing.py)
    when it walked the whole way, else in one query. The same trail is given to search engines as a
    schema.org ``BreadcrumbList``."""
    chain, node = [], page
    while node.depth > 2:
        node = getattr(node, "_cached_parent_obj", None)
        if node is None:
            break
        chain.append(node)
    if node is not None:
        ancestors = chain[::-1]
    else:
        ancestors = list(
            Page.objects.ancestor_of(page).filter(depth__gt=1).only("id", "title", "url_path", "depth", "path")
        )
    items = [(_("Home") if ancestor.depth == 2 else ancestor.title, ancestor.get_full_url()) for ancestor in ancestors]
    items.append((page.title, page.get_full_url()))
    data = breadcrumb_list(items) if ancestors and all(url for _name, url in items) else None
    return {"ancestors": ancestors, "current": page, "structured_data": json_ld(data)}


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The page's schema.org objects as JSON-LD scripts (``page.get_structured_data``), escaped."""
    getter = getattr(page, "get_structured_data", None)
    if getter is None:
        return ""
    return mark_safe("".join(json_ld(item) for item in getter(context.get("request"))))  # noqa: S308 - escaped


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, seconds):
        self.nodelist, self.name, self.vary_on, self.seconds = nodelist, name, vary_on, seconds

    def render(self, context):
        request = context.get("request")
        seconds = self.seconds.resolve(context) if self.seconds else settings.FRAGMENT_CACHE_SECONDS
        if request is None or getattr(request, "is_preview", False) or not seconds:
            return self.nodelist.render(context)
        vary = "|".join(str(value.resolve(context)) for value in self.vary_on)
        digest = hashlib.sha256(vary.encode()).hexdigest()[:32]
        name = f"fragment:{self.name.resolve(context)}:{get_language()}:{request.get_host()}:{digest}"
        return generation_cached(name, lambda: self.nodelist.render(context), timeout=int(seconds))


@register.tag
def shared_fragment(parser, token):
    """``{% shared_fragment "name" value… [seconds=60] %}…{% endshared_fragment %}``

    Renders its content once for everybody (per language, host and ``value``s) and keeps the HTML in
    the cache until the next purge (publishing, unpublishing, moving, deleting a page, saving an image,
    a snippet or a setting) or for ``seconds`` (default ``FRAGMENT_CACHE_SECONDS``; 0 turns it off).
    For what is the same for every visitor, never for anything personal (progress, forms, messages).
    Previews always render afresh.
    """
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    seconds = None
    if bits[-1].startswith("seconds="):
        seconds = parser.compile_filter(bits.pop()[len("seconds=") :])
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        nodelist, parser.compile_filter(bits[0]), [parser.compile_filter(b) for b in bits[1:]], seconds
    )


@register.simple_tag(takes_context=True)
def accessibility_statement(context):
    """The accessibility statement's address and state of compliance (``{"href", "status"}``) for the
    footer of every page, or None while there is none; kept in the cache until the next publish."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None

    def build():
        page = (
            AccessibilityStatementPage.objects.live()
            .public()
            .descendant_of(site.root_page, inclusive=True)
            .only("id", "url_path", "compliance_status")
            .first()
        )
        if page is None:
            return None
        return {"href": page.get_url(request), "status": page.get_compliance_status_display()}

    return generation_cached(f"accessibility-statement:{site.pk}:{get_language()}", build)


@register.filter
def iso_datetime(value):
    """A date and time for ``<time datetime>``: ISO 8601 in the local time zone, to the second (the HTML
    checker refuses microseconds, which ``|date:"c"`` prints)."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.simple_tag
def picture_fit(image, specs, **attrs):
    """``{% picture %}`` for images that may be smaller than the largest size asked for:
    ``{% picture_fit image "format-{webp,jpeg}|fill-{480x270,1600x900}" sizes="…" alt="…" %}``.

    Wagtail never enlarges an image, so on a 1200 px original both ``fill-1200x675`` and ``fill-1600x900``
    give a 1200 px file and ``{% picture %}`` lists two ``1200w`` candidates, which the HTML checker
    refuses (and browsers may pick either). Only the first rendition of each format and width is kept."""
    if not image:
        return ""
    try:
        renditions = image.get_renditions(*Filter.expand_spec(specs))
    except SourceImageIOError:
        return ""
    kept, seen = {}, set()
    for spec, rendition in renditions.items():
        key = (next((part for part in spec.split("|") if part.startswith("format-")), ""), rendition.width)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return Picture(kept, attrs).__html__()


@register.filter(is_safe=True)
def with_brand(title, name):
    """``title – name`` for the ``<title>``, or ``title`` alone when it already names the organisation
    (a home page titled "Webassoc – le web au service des associations" is not followed by "– Webassoc")."""
    title = str(title).strip()
    if not name:
        return title
    if not title:
        return conditional_escape(name)
    if conditional_escape(name).lower() in title.lower():
        return title
    return mark_safe(f"{title} – {conditional_escape(name)}")  # noqa: S308 - both parts are escaped
