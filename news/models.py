"""News: the news index, articles, their categories, authors and tags.

Articles are ordinary Wagtail pages, so drafts, previews, revisions, moderation and scheduled
publishing (``go_live_at`` + the ``publish_scheduled`` cron job) come from Wagtail. Everything
visitors see is built from live, public articles only (see ``news.views``).
"""

import re
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import BasePage
from home.panels import InlinePanel

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+(?:['’-]\w+)*")

# First segments of the news index's own sub-routes: an article cannot use them as its slug.
RESERVED_SLUGS = {"flux"}


def _block_texts(block, value):
    """The text a visitor reads in a block's ``value``, recursively (choices, links and images excluded)."""
    if value is None:
        return []
    if isinstance(block, blocks.RichTextBlock):
        return [value.source if hasattr(value, "source") else str(value)]
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return [str(value)]
    if isinstance(block, TableBlock):
        return [str(cell) for row in (value or {}).get("data") or [] for cell in row or [] if cell]
    if isinstance(block, blocks.StructBlock):
        return [text for name, child in block.child_blocks.items() for text in _block_texts(child, value.get(name))]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in _block_texts(block.child_block, item)]
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in _block_texts(child.block, child.value)]
    return []


# --- Snippets -------------------------------------------------------------------------------------


class Category(models.Model):
    """One editor-managed category per article (e.g. "Formations", "Événements", "Vie associative")."""

    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("Shown on the articles and filters."))
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Used in the addresses of the news filter and of the category's feed, e.g. “evenements”."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("One sentence describing the category, used in its feed.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name


class Author(index.Indexed, models.Model):
    """Someone who writes the association's news (a volunteer, a member of staff)."""

    name = models.CharField(_("name"), max_length=150, help_text=_("First and last name, as shown on the articles."))
    role = models.CharField(
        _("role"), max_length=150, blank=True, help_text=_("E.g. “Bénévole formatrice” or “Coordinateur”.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A square portrait works best. Optional."),
    )
    bio = models.TextField(
        _("short biography"), blank=True, help_text=_("Two or three sentences shown under the articles.")
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("photo"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("bio")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news author")
        verbose_name_plural = _("news authors")

    def __str__(self):
        return self.name


# --- Pages ----------------------------------------------------------------------------------------


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The list of articles, newest first, filterable by category and tag, with its RSS and Atom feeds."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A short paragraph above the list of articles.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    page_description = _("The news: articles newest first, filters by category and tag, RSS and Atom feeds.")
    admin_icon = "list-ul"
    search_result_label = _("News")
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        from .views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context

    def get_sitemap_urls(self, request=None):
        """The list changes whenever an article is published: its last modification is the newest one's."""
        from .views import live_articles

        urls = super().get_sitemap_urls(request)
        latest = (
            live_articles()
            .child_of(self)
            .order_by("-last_published_at")
            .values_list("last_published_at", flat=True)[:1]
        )
        candidates = [urls[0]["lastmod"], *latest]
        candidates = [value for value in candidates if value]
        if candidates:
            urls[0]["lastmod"] = max(candidates)
        return urls

    # Feeds: RSS at flux/, Atom at flux/atom/; the same per category under flux/categorie/<slug>/.
    @path("flux/", name="feed")
    @path("flux/rss/", name="feed_rss")
    def feed(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("flux/atom/", name="feed_atom")
    def feed_atom(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)

    @path("flux/categorie/<slug:category>/", name="category_feed")
    def category_feed(self, request, category):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self, category_slug=category)(request)

    @path("flux/categorie/<slug:category>/atom/", name="category_feed_atom")
    def category_feed_atom(self, request, category):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self, category_slug=category)(request)


class NewsPageTag(TaggedItemBase):
    """A free tag of an article (django-taggit, through modelcluster so drafts and previews keep them)."""

    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(BasePage):
    date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_(
            "Shown on the article; the news are ordered by this date. Defaults to today. To publish later, "
            "use “Set schedule” in the Status panel (the “i” button at the top right)."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown on the list of news, in the feeds and when the article is shared."),
    )
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the news list, at the top of the article and when it is shared."),
    )
    featured_image_alt = models.CharField(
        _("featured image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it. Required unless decorative."),
    )
    featured_image_decorative = models.BooleanField(
        _("decorative image"),
        default=False,
        help_text=_("Tick only if the image adds no information (it will be ignored by screen readers)."),
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="news_pages",
        help_text=_("One category per article; visitors can filter the news by category and follow its feed."),
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_(
            "Free keywords, separated by commas (e.g. “accessibilité, bénévolat”); visitors can filter by tag."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("article body"), help_text=_("The text of the article."))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("featured_image"), FieldPanel("featured_image_alt"), FieldPanel("featured_image_decorative")],
            heading=_("Featured image"),
        ),
        FieldPanel("body"),
    ]
    details_panels = [
        FieldPanel("date"),
        InlinePanel(
            "author_links",
            label=_("Author"),
            add_label=_("Add an author"),
            heading=_("Authors"),
            help_text=_("Who wrote the article, in the order shown. Manage authors under News settings › Authors."),
        ),
        MultiFieldPanel([FieldPanel("category"), FieldPanel("tags")], heading=_("Classification")),
        InlinePanel(
            "related_links",
            label=_("Related page"),
            add_label=_("Add a related page"),
            heading=_("Related pages"),
            help_text=_(
                "Pages suggested at the end of the article. Leave empty to suggest the latest articles of the same category."
            ),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(details_panels, heading=_("Details")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings"), classname="settings"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
        index.FilterField("category"),
    ]

    page_description = _("A news article: date, authors, category and tags, image, summary and body.")
    social_image_fallback = "featured_image"
    admin_icon = "doc-full"
    search_result_label = _("News article")
    is_news_article = True  # lets templates tell articles from other pages in mixed lists
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [models.Index(fields=["-date"], name="news_newspage_date_idx")]

    def clean(self):
        super().clean()
        errors = {}
        if self.featured_image_id and not self.featured_image_decorative and not self.featured_image_alt.strip():
            errors["featured_image_alt"] = _(
                "Describe the image, or tick “Decorative image” if it adds no information."
            )
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is used by the news feeds: choose another slug.")
        if errors:
            raise ValidationError(errors)

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_structured_data(self, request=None):
        from home.structured_data import CONTEXT, compact, image_url, organization

        authors = [
            compact({"@type": "Person", "name": link.author.name, "jobTitle": link.author.role})
            for link in self.author_links.select_related("author").order_by("sort_order")
        ]
        publisher = organization(request, self)
        url = self.get_full_url(request)
        return [
            compact(
                {
                    "@context": CONTEXT,
                    "@type": "NewsArticle",
                    "headline": (self.seo_title or self.title)[:110],
                    "description": self.get_meta_description(),
                    "url": url,
                    "mainEntityOfPage": url,
                    "inLanguage": "fr",
                    "datePublished": timezone.localtime(self.published_at).isoformat(timespec="seconds"),
                    "dateModified": timezone.localtime(self.last_published_at or self.published_at).isoformat(
                        timespec="seconds"
                    ),
                    "author": authors or [publisher],
                    "publisher": publisher,
                    "image": [image_url(self.featured_image, request=request, page=self)]
                    if self.featured_image_id
                    else None,
                    "articleSection": self.category.name if self.category_id else None,
                }
            )
        ]

    @property
    def published_at(self):
        """Date and time of publication for the feeds: the first publication if it happened on ``date``,
        else 8 a.m. (local time) on ``date`` (an article dated in the past, or published ahead of its date)."""
        first = self.first_published_at
        if first and timezone.localdate(first) == self.date:
            return first
        return timezone.make_aware(datetime.combine(self.date, time(8, 0)))

    @property
    def featured_image_alt_text(self):
        """The alt attribute of the featured image: empty when decorative."""
        return "" if self.featured_image_decorative else self.featured_image_alt

    @cached_property
    def word_count(self):
        """Words a reader reads in the body: text, headings, quotes, captions, tables (not settings)."""
        return sum(len(_WORD.findall(strip_tags(text))) for text in _block_texts(self.body.stream_block, self.body))

    @property
    def reading_minutes(self):
        """Estimated reading time of the body, at 200 words a minute, at least one minute."""
        return max(1, round(self.word_count / WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        from .views import article_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_context(self, request))
        return context


class NewsPageAuthor(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="author_links")
    author = models.ForeignKey(
        Author,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="news_links",
        help_text=_(
            "Choose an author; someone who is not in the list yet can be added from the same window (“Create” tab)."
        ),
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("article author")
        verbose_name_plural = _("article authors")

    def __str__(self):
        return str(self.author)


class NewsPageRelatedLink(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Another article, a course, the manifesto… Only published pages are shown."),
    )

    panels = [PageChooserPanel("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")

    def __str__(self):
        return str(self.related_page)
