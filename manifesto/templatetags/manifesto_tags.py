import contextlib

from django import template

register = template.Library()


@register.simple_tag
def manifesto_summary():
    """The live, public manifesto with its stored count, for the home page: one query."""
    from home.privacy import public_q
    from manifesto.models import ManifestoPage, SignatureCount

    page = ManifestoPage.objects.live().filter(public_q()).select_related("signature_tally").order_by("path").first()
    if page is None:
        return None
    # Without its count row yet, the page counts itself (one more query).
    with contextlib.suppress(SignatureCount.DoesNotExist):
        page.__dict__["signature_count"] = page.signature_tally.confirmed
    return page
