"""Private sections of the site (Wagtail's page view restrictions) without a query per page.

Wagtail checks the view restrictions of every page it serves (two queries: the page's ancestors, then
their restrictions) and ``PageQuerySet.public()`` reads every restriction before filtering (one more
query per list). Sites like this one have few private sections, if any, and they change rarely, so
the paths they cover are kept in the cache (:func:`restricted_paths`) until the next purge: saving or
deleting a restriction, creating an alias, moving or deleting a page start a new generation
(home/cache.py). A page outside every listed path has no restriction; a page inside one is checked by
Wagtail's own code, so a restriction's rules (password, log-in, groups) are always Wagtail's.
"""

from django.db.models import Q

from .cache import generation_cached


def _build_restricted_paths():
    from wagtail.models import Page, PageViewRestriction

    restricted = PageViewRestriction.objects.values("page_id")
    paths = set(Page.objects.filter(pk__in=restricted).values_list("path", flat=True))
    # An alias follows its original's restrictions (Page.get_view_restrictions): its subtree is private too.
    paths |= set(Page.objects.filter(alias_of__in=restricted).values_list("path", flat=True))
    # A path inside another one adds nothing.
    return sorted(path for path in paths if not any(path != other and path.startswith(other) for other in paths))


def restricted_paths():
    """Tree paths of the pages whose subtree is private (a restriction on them or on their original)."""
    return generation_cached("restricted-paths", _build_restricted_paths)


def is_in_private_section(path):
    return any(path.startswith(prefix) for prefix in restricted_paths())


def public_q(field="path"):
    """Filter for pages outside every private section: Wagtail's ``.public()`` without its query.

    ``field`` names the tree path to test (``"path"``, or e.g. ``"course__path"`` through a relation).
    With no private section, the filter is empty and costs the database nothing.
    """
    condition = Q()
    for prefix in restricted_paths():
        condition &= ~Q(**{f"{field}__startswith": prefix})
    return condition


class CachedViewRestrictionsMixin:
    """Skips Wagtail's two restriction queries when the page is in no private section."""

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if self.pk is None or not self.path or is_in_private_section(self.path):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()
