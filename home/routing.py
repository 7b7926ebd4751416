"""Page routing in two queries whatever the depth of the page.

Wagtail's ``Page.route`` walks the address one level at a time, with two queries per level (the child
by slug, then its specific instance): six queries to reach a lesson at /formations/<course>/<lesson>/.
``FastRouteMixin.route`` fetches every page along the address in ONE query (by ``url_path``), walks
them in memory with exactly Wagtail's rules, then loads the specific instance of the deepest one. Each
page found keeps its parent (``_cached_parent_obj``, which ``get_parent()`` reads), so breadcrumbs
cost no query either.

The walk stops, and hands over to the page's own ``route()``, wherever Wagtail's result could differ:
at a page class with a custom ``route()``, and at a ``RoutablePageMixin`` page whose sub-routes match
the rest of the address (a sub-route wins over a child page, as in Wagtail).
"""

import hashlib

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def _walks_like_fast_route(page_class, page, remaining_components):
    """True if ``page_class.route`` would just look for a child page named ``remaining_components[0]``."""
    route = page_class.route
    if route is FastRouteMixin.route or route is Page.route:
        return True
    if route is RoutablePageMixin.route and issubclass(page_class, FastRouteMixin):
        if not page.live:
            return True  # RoutablePageMixin only tries its sub-routes on live pages
        path = "/" + "/".join(remaining_components) + "/"
        try:
            page_class.get_resolver().resolve(path)
        except Http404:
            return True
        return False
    return False


def _static_sub_route(page_class, remaining_components):
    """True if a RoutablePageMixin page answers the rest of the address with a route without arguments."""
    if not remaining_components:
        return True
    if not issubclass(page_class, RoutablePageMixin):
        return False
    try:
        match = page_class.get_resolver().resolve("/" + "/".join(remaining_components) + "/")
    except Http404:
        return False
    return not match.args and not match.kwargs


class FastRouteMixin:
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        walked = self._walk(path_components)
        if not walked:
            return super().route(request, path_components)
        walked[0]._cached_parent_obj = self
        return walked[-1].route(request, path_components[len(walked) :])

    def _walk(self, path_components):
        """The specific pages along the address, each holding its parent, as far as routing goes.

        Addresses of pages (and of their sub-pages without arguments, like a feed) are kept in the
        cache until the next purge (publishing, unpublishing, moving or deleting a page): a page is
        then reached without any query. Other addresses are looked up each time, so that made-up
        addresses cannot fill the cache.
        """
        from .cache import generation_cached

        def build():
            walked = self._walk_in_database(path_components)
            rest = path_components[len(walked) :]
            keep = bool(walked) and _static_sub_route(walked[-1].specific_class, rest)
            if keep:  # kept for next time: every page specific, so parents cost nothing either
                specific = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in walked]).specific()}
                walked = [specific.get(page.pk, page) for page in walked]
            elif walked:  # used once: only the page that answers needs its specific instance
                walked[-1] = walked[-1].specific
            for parent, child in zip(walked, walked[1:], strict=False):
                child._cached_parent_obj = parent
            return {"walked": walked, "keep": keep}

        digest = hashlib.sha256(f"{self.pk}|{'/'.join(path_components)}".encode()).hexdigest()
        return generation_cached(f"route:{digest}", build, keep=lambda value: value["keep"])["walked"]

    def _walk_in_database(self, path_components):
        """The pages along the address, in one query, walked with exactly Wagtail's rules."""
        prefixes = [self.url_path + "/".join(path_components[: i + 1]) + "/" for i in range(len(path_components))]
        found = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth
            ).order_by("depth")
        }
        walked, current = [], self
        for index, prefix in enumerate(prefixes):
            child = found.get(prefix)
            if child is None or child.depth != current.depth + 1:
                break  # Wagtail's own walk from here raises the 404 (or finds a sub-route)
            if current is not self and not _walks_like_fast_route(
                current.specific_class, current, path_components[index:]
            ):
                break
            walked.append(child)
            current = child
        return walked
