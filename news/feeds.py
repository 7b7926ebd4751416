"""RSS 2.0 and Atom feeds of the news, for all articles or one category (``django.contrib.syndication``).

Served by sub-routes of the news index (``NewsIndexPage.feed`` and friends): /actualites/flux/,
/actualites/flux/atom/, /actualites/flux/categorie/<slug>/ and …/atom/. Four queries whatever the
number of articles: the category (if any), the articles (by id: the ordered list of ids is cached until
the next publish, news/views.py listed_ids), their tags, their authors.
"""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from home.models import OrganisationSettings
from home.site_url import absolute

from .models import Category, NewsPageAuthor
from .views import listed_ids, live_articles

FEED_ITEMS = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index, category_slug=None):
        super().__init__()
        self.index = index
        self.category_slug = category_slug
        self.category = None
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        if self.category_slug:
            self.category = get_object_or_404(Category, slug=self.category_slug)
        return self.index

    def title(self, obj):
        site_name = OrganisationSettings.for_request(self.request).name
        if self.category is not None:
            return _("%(site)s – %(index)s: %(category)s") % {
                "site": site_name,
                "index": obj.title,
                "category": self.category.name,
            }
        return f"{site_name} – {obj.title}"

    # Every address is absolute on the site's address (the Site record, home/site_url.py): Django's
    # syndication would otherwise prefix relative ones with the host the request came in by.
    def link(self, obj):
        url = obj.get_full_url(self.request)
        if self.category is not None:
            url += f"?categorie={self.category.slug}"
        return url

    def feed_url(self, obj):
        return absolute(self.request.path, self.request)

    def description(self, obj):
        if self.category is not None and self.category.description:
            return self.category.description
        return obj.intro or OrganisationSettings.for_request(self.request).tagline or obj.title

    def items(self, obj):
        ids = listed_ids(obj, self.category)[:FEED_ITEMS]
        articles = (
            live_articles()
            .filter(pk__in=ids)
            .select_related("category")
            .prefetch_related(
                "tags",
                Prefetch(
                    "author_links", queryset=NewsPageAuthor.objects.select_related("author").order_by("sort_order")
                ),
            )
            .defer_streamfields()
        )
        by_pk = {article.pk: article for article in articles}
        return [by_pk[pk] for pk in ids if pk in by_pk]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.published_at

    def item_author_name(self, item):
        names = [link.author.name for link in item.author_links.all()]
        return ", ".join(names) or None

    def item_categories(self, item):
        categories = [item.category.name] if item.category else []
        return categories + [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
