"""What visitors see of the news: the index, an article, the home page's latest news.

Page contexts are built here and called from the page models' ``get_context``. Only live, public
articles are ever listed (a scheduled article stays hidden until ``publish_scheduled`` publishes it),
and every function uses a fixed number of queries whatever the number of articles, tags or authors.
"""

import contextlib
import unicodedata
from collections import defaultdict
from copy import copy
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, Value
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError
from wagtail.models import Page

from home.cache import generation_cached
from home.privacy import public_q

from .forms import NewsFilterForm
from .models import Author, Category, NewsIndexPage, NewsPage, NewsPageTag

ARTICLES_PER_PAGE = 12
RELATED_ARTICLES = 3
# Renditions used by the cards (templates/news/includes/article_card.html) and the article's header
# (templates/news/news_page.html): the same patterns as the templates' {% picture %} tags, expanded the
# way Wagtail expands them, so that the prefetched renditions are the ones the templates ask for.
CARD_RENDITIONS = tuple(Filter.expand_spec("format-{webp,jpeg} fill-{480x320,960x640}"))
ARTICLE_RENDITIONS = (
    *Filter.expand_spec("format-{webp,jpeg} fill-{480x270,800x450,1200x675,1600x900}"),
    "fill-1200x630",  # the Open Graph image
)
AUTHOR_RENDITIONS = ("fill-160x160",)


def live_articles():
    """Articles visitors may see: published (scheduled ones are not live yet) and not private."""
    return NewsPage.objects.live().filter(public_q())


def images_with_renditions(*specs):
    return get_image_model().objects.prefetch_renditions(*specs)


def article_cards(queryset=None):
    """Articles with what a card shows (category, featured image) in the same query, newest first.

    Evaluate it with :func:`card_list`, which adds the images' renditions in one more query.
    """
    queryset = live_articles() if queryset is None else queryset
    return queryset.select_related("category", "featured_image").defer_streamfields().order_by("-date", "-pk")


def card_list(queryset, renditions=CARD_RENDITIONS):
    """The articles of ``queryset`` (from :func:`article_cards`, possibly sliced) with their images'
    renditions attached: always two queries, even when there is no article or no image."""
    articles = list(queryset)
    rendition_model = get_image_model().get_rendition_model()
    by_image = defaultdict(list)
    # A subquery rather than a list of ids: the query runs (and costs the same) whatever the articles.
    for rendition in rendition_model.objects.filter(
        image_id__in=queryset.values("featured_image_id"), filter_spec__in=renditions
    ):
        by_image[rendition.image_id].append(rendition)
    for article in articles:
        image = article.featured_image
        if image is not None:
            image.prefetched_renditions = [copy(rendition) for rendition in by_image[image.pk]]
            for rendition in image.prefetched_renditions:
                rendition.image = image  # a rendition's alt text reads its image: no query for it
    return articles


def latest_articles(count):
    """The ``count`` latest articles, ready for cards (2 queries)."""
    return card_list(article_cards()[:count])


def feed_links(index_url, category=None):
    """The RSS and Atom feeds of the news (and of ``category``), for ``<link rel="alternate">`` tags."""
    if not index_url:
        return []
    resolver = NewsIndexPage.get_resolver()
    links = [
        {"type": "application/rss+xml", "title": _("News (RSS)"), "url": index_url + resolver.reverse("feed")},
        {
            "type": "application/atom+xml",
            "title": _("News (Atom)"),
            "url": index_url + resolver.reverse("feed_atom"),
        },
    ]
    if category is not None:
        kwargs = {"category": category.slug}
        links += [
            {
                "type": "application/rss+xml",
                "title": _("News: %(category)s (RSS)") % {"category": category.name},
                "url": index_url + resolver.reverse("category_feed", **kwargs),
            },
            {
                "type": "application/atom+xml",
                "title": _("News: %(category)s (Atom)") % {"category": category.name},
                "url": index_url + resolver.reverse("category_feed_atom", **kwargs),
            },
        ]
    return links


def _filter_choices(articles):
    """Categories and tags used by ``articles``, by name, in ONE query (a UNION of the two lists)."""
    categories = (
        Category.objects.filter(Exists(articles.filter(category=OuterRef("pk"))))
        .annotate(kind=Value("category"))
        .values_list("kind", "pk", "slug", "name")
        .order_by()
    )
    tags = (
        Tag.objects.filter(
            Exists(NewsPageTag.objects.filter(tag=OuterRef("pk"), content_object__in=articles.values("pk")))
        )
        .annotate(kind=Value("tag"))
        .values_list("kind", "pk", "slug", "name")
        .order_by()
    )
    by_kind = {"category": [], "tag": []}
    for kind, pk, slug, name in categories.union(tags, all=True):
        model = Category if kind == "category" else Tag
        by_kind[kind].append(model(pk=pk, slug=slug, name=name))
    return sorted(by_kind["category"], key=_alphabetical), sorted(by_kind["tag"], key=_alphabetical)


def _alphabetical(obj):
    """Sort key that puts "Événements" between "Dons" and "Formations" (databases sort accents last)."""
    return unicodedata.normalize("NFKD", obj.name).encode("ascii", "ignore").decode().casefold()


def listed_ids(index, category=None, tag=None):
    """Ids of the index's live, public articles (of ``category``, tagged ``tag``), newest first.

    The whole ordered list is kept under the page-cache generation (home/cache.py): only a publish,
    unpublish, move or delete changes it. With it, any page of the list and its count cost one short
    query by primary key instead of counting and sorting every article (3,000 in the benchmark) on each
    visit, and the last page costs what the first costs. One entry per category and tag used, at most.
    """

    def build():
        articles = live_articles().child_of(index)
        if category is not None:
            articles = articles.filter(category_id=category.pk)
        if tag is not None:
            articles = articles.filter(tagged_items__tag_id=tag.pk)
        return list(articles.order_by("-date", "-pk").values_list("pk", flat=True))

    key = f"news-ids:{index.pk}:{category.pk if category else ''}:{tag.pk if tag else ''}"
    return generation_cached(key, build)


def articles_by_ids(ids):
    """The live, public articles of ``ids`` ready for cards, in the order of ``ids`` (2 queries)."""
    by_pk = {article.pk: article for article in card_list(article_cards(live_articles().filter(pk__in=ids)))}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def index_context(index, request):
    categories, tags = generation_cached(
        f"news-filters:{index.pk}", lambda: _filter_choices(live_articles().child_of(index))
    )
    form = NewsFilterForm(request.GET or None, categories=categories, tags=tags)
    if form.is_bound:
        form.is_valid()  # an unknown category or tag is reported next to its field and ignored
    # get_page: a page number that is not a number gives the first page, one out of range the last.
    page_obj = Paginator(listed_ids(index, form.category, form.tag), ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return {
        "articles": articles_by_ids(list(page_obj.object_list)),
        "page_obj": page_obj,
        "filter_form": form,
        "active_category": form.category,
        "active_tag": form.tag,
        "feed_links": feed_links(index.get_url(request), form.category),
    }


def _authors(page, request):
    if getattr(request, "is_preview", False) or not page.pk:
        # A preview shows the draft's choice, held in memory by modelcluster.
        return [link.author for link in page.author_links.all() if link.author_id]
    return list(Author.objects.filter(news_links__page=page).order_by("news_links__sort_order", "news_links__pk"))


def _related(page):
    """Pages chosen by the editors (published and public ones only), else the latest of the same category.

    Returns ``(pages, chosen)``; articles come with their category, their images are attached later.
    """
    chosen_ids = [link.related_page_id for link in page.related_links.all() if link.related_page_id != page.pk]
    if chosen_ids:
        pages = {
            other.pk: other for other in Page.objects.live().filter(public_q(), pk__in=chosen_ids).defer_streamfields()
        }
        article_ids = [pk for pk, other in pages.items() if other.specific_class is NewsPage]
        articles = {}
        if article_ids:
            articles = {
                article.pk: article
                for article in NewsPage.objects.filter(pk__in=article_ids)
                .select_related("category")
                .defer_streamfields()
            }
        related = [articles.get(pk) or pages[pk] for pk in chosen_ids if pk in pages]
        if related:
            return related, True
    others = live_articles().exclude(pk=page.pk) if page.pk else live_articles()
    if page.category_id:
        others = others.filter(category_id=page.category_id)
    return list(
        others.select_related("category").defer_streamfields().order_by("-date", "-pk")[:RELATED_ARTICLES]
    ), False


def _attach_images(page, related, authors):
    """Load the article's image, the related cards' images and the authors' photos with their renditions
    in two queries, and attach them to their objects."""
    wanted = []  # (object, attribute name)
    if page.featured_image_id:
        wanted.append((page, "featured_image"))
    wanted += [(article, "featured_image") for article in related if getattr(article, "featured_image_id", None)]
    wanted += [(author, "photo") for author in authors if author.photo_id]
    if not wanted:
        return
    ids = {getattr(obj, f"{attribute}_id") for obj, attribute in wanted}
    images = images_with_renditions(*ARTICLE_RENDITIONS, *CARD_RENDITIONS, *AUTHOR_RENDITIONS).in_bulk(ids)
    # Keyed by identity: an article previewed before its first save has no pk, so it cannot be hashed.
    specs = {id(page): ARTICLE_RENDITIONS} | {id(author): AUTHOR_RENDITIONS for author in authors}
    for obj, attribute in wanted:
        image = images.get(getattr(obj, f"{attribute}_id"))
        if image is not None:
            setattr(obj, attribute, image)
            # Make the renditions now, while they are attached: the objects are kept in the cache
            # (article_context), and a rendition missing from them would be looked up on every visit.
            with contextlib.suppress(SourceImageIOError):
                image.get_renditions(*specs.get(id(obj), CARD_RENDITIONS))


def _neighbours(page):
    """The previous (older) and next (newer) live articles of the same news index, in date order."""
    if not page.path:
        return None, None
    siblings = live_articles().sibling_of(page, inclusive=False).defer_streamfields()
    older = Q(date__lt=page.date)
    newer = Q(date__gt=page.date)
    if page.pk:
        older |= Q(date=page.date, pk__lt=page.pk)
        newer |= Q(date=page.date, pk__gt=page.pk)
    previous = siblings.filter(older).order_by("-date", "-pk").first()
    following = siblings.filter(newer).order_by("date", "pk").first()
    return previous, following


def share_links(page, request):
    """Plain links to share the article: no third-party script is loaded."""
    url = page.get_full_url(request)
    if not url:
        return []
    title = page.seo_title or page.title
    return [
        {"name": _("E-mail"), "url": "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=_quote)},
        {"name": "Bluesky", "url": "https://bsky.app/intent/compose?" + urlencode({"text": f"{title} {url}"})},
        {"name": "LinkedIn", "url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})},
        {"name": "Facebook", "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})},
    ]


def _quote(value, safe="", encoding=None, errors=None):
    # mailto: wants spaces as %20, not "+".
    return quote(value, safe=safe, encoding=encoding, errors=errors)


def _article_data(page, request):
    """What an article shows besides its own fields: all of it from the database (9 queries)."""
    related, related_chosen = _related(page)
    authors = _authors(page, request)
    _attach_images(page, related, authors)
    previous, following = _neighbours(page)
    return {
        "news_index": page.get_parent() if page.path else None,
        "authors": authors,
        "tags": list(page.tags.all()),
        "related_pages": related,
        "related_chosen": related_chosen,
        "previous_article": previous,
        "next_article": following,
        "category": page.category,
        "featured_image": page.featured_image,
    }


def article_context(page, request):
    """An article's context. Outside previews (which show a draft), what comes from the database is
    the same for every visitor until something is published, moved or deleted, or a snippet (author,
    category) saved: it is kept in the cache under the page-cache generation (home/cache.py)."""
    if getattr(request, "is_preview", False) or not page.pk:
        data = _article_data(page, request)
    else:
        data = generation_cached(f"article:{page.pk}", lambda: _article_data(page, request))
    page.category, page.featured_image = data.pop("category"), data.pop("featured_image")
    parent = data["news_index"]
    index_url = parent.get_url(request) if parent else None
    return {
        **data,
        "share_links": share_links(page, request),
        "feed_links": feed_links(index_url, page.category),
    }
