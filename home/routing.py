"""Page routing in two queries whatever the depth of the page.

Wagtail's ``Page.route`` walks the address one level at a time, with two queries per level (the child
by slug, then its specific instance): six queries to reach a lesson at /formations/<course>/<lesson>/.
``FastRouteMixin.route`` fetches every page along the address in ONE query (by ``url_path``), walks
them in memory with exactly Wagtail's rules, then loads the specific instance of the deepest one.

The walk stops, and hands over to the page's own ``route()``, wherever Wagtail's result could differ:
at a page class with a custom ``route()``, and at a ``RoutablePageMixin`` page whose sub-routes match
the rest of the address (a sub-route wins over a child page, as in Wagtail).
"""

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


class FastRouteMixin:
    def route(self, request, path_components):
        if len(path_components) < 2:
            # One level: Wagtail's two queries are as cheap as it gets.
            return super().route(request, path_components)
        prefixes = [self.url_path + "/".join(path_components[: i + 1]) + "/" for i in range(len(path_components))]
        found = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth
            ).order_by("depth")
        }
        current, consumed = self, 0
        for index, prefix in enumerate(prefixes):
            child = found.get(prefix)
            if child is None or child.depth != current.depth + 1:
                break  # Wagtail's own walk from here raises the 404 (or finds a sub-route)
            if current is not self and not _walks_like_fast_route(
                current.specific_class, current, path_components[index:]
            ):
                break
            child._cached_parent_obj = current
            current, consumed = child, index + 1
        if current is self:
            return super().route(request, path_components)
        return current.specific.route(request, path_components[consumed:])
