"""Factories for the news app (wagtail-factories for pages, factory_boy for snippets).

``NewsIndexPageFactory(parent=home_page)``, then ``NewsPageFactory(parent=index, date=…, tags=["a", "b"],
authors=[author])``: the article is published through a revision (so ``first_published_at`` and
``last_published_at`` are set) unless ``publish=False``. ``bulk_articles(parent, count)`` inserts many
live articles in a few queries (query-count tests and benchmarks).
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.images import get_image_model

from news.models import Author, Category, NewsIndexPage, NewsPage, NewsPageAuthor, NewsPageTag
from tests.bench.bulk import bulk_add_children


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")
    description = "Les nouvelles de cette catégorie."


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Autrice {n}")
    role = "Bénévole"
    bio = "Développeuse web, bénévole depuis cinq ans."


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Actualités"
    slug = "actualites"
    intro = "Les nouvelles de l'association."


def article_body(words=60):
    """A body with real block names; about ``words`` + 12 words of text."""
    return [
        ("heading", {"text": "Ce qui s'est passé", "level": "h2"}),
        ("paragraph", "<p>" + " ".join(["mot"] * words) + "</p>"),
        ("quote", {"text": "Une belle journée pour toute l'équipe.", "attribution": "Nadia"}),
    ]


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Actualité {n}")
    slug = factory.Sequence(lambda n: f"actualite-{n}")
    date = factory.LazyFunction(timezone.localdate)
    summary = "Une nouvelle de l'association, en deux phrases."
    category = factory.SubFactory(CategoryFactory)
    body = factory.LazyFunction(article_body)

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.tags.add(*extracted)
            obj.save()

    @factory.post_generation
    def authors(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            for position, author in enumerate(extracted):
                NewsPageAuthor.objects.create(page=obj, author=author, sort_order=position)

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):  # noqa: N805
        """Publish through a revision (like an editor) unless ``publish=False``."""
        if create and extracted is not False and obj.live:
            obj.save_revision().publish()
            obj.refresh_from_db()  # live_revision, first_published_at… as published


def news_index_for(parent):
    """The news index under ``parent`` (a home page), created if missing; or ``parent`` itself if it is one."""
    if isinstance(parent.specific, NewsIndexPage):
        return parent.specific
    index = NewsIndexPage.objects.child_of(parent).first()
    return index or NewsIndexPageFactory(parent=parent)


def bulk_articles(parent, count, category=None, tags=("bénévolat", "formation"), with_image=True, prefix="bulk"):
    """``count`` live articles under the news index of ``parent`` (home page or news index), in a few queries.

    Each has a category, ``tags`` and (``with_image``) one shared featured image, so lists exercise
    every prefetch. Dates go back one day per article from yesterday.
    """
    index = news_index_for(parent)
    category = category or CategoryFactory(name="Vie associative", slug="vie-associative")
    image = None
    if with_image:
        image = get_image_model().objects.first() or wagtail_factories.ImageFactory(title="Illustration")
    today = timezone.localdate()
    articles = bulk_add_children(
        index,
        [
            NewsPage(
                title=f"Actualité {prefix} {n}",
                slug=f"actualite-{prefix}-{n}",
                date=today - datetime.timedelta(days=n + 1),
                summary="Des nouvelles de nos formations et de nos bénévoles.",
                category=category,
                featured_image=image,
                featured_image_alt="Une illustration" if image else "",
                body=article_body(),
            )
            for n in range(count)
        ],
    )
    if tags:
        from taggit.models import Tag

        tag_objects = [Tag.objects.get_or_create(name=name)[0] for name in tags]
        NewsPageTag.objects.bulk_create(
            [NewsPageTag(content_object=article, tag=tag) for article in articles for tag in tag_objects]
        )
    return articles


def article_form_data(title="Notre nouvelle formation", slug="nouvelle-formation", authors=(), related=(), **fields):
    """POST data of the article editor (Wagtail's ``assertCanCreate``, ``assertPageIsPreviewable`` or the client).

    ``authors``: Author instances; ``related``: pages. Other fields override the defaults (e.g. ``category=pk``).
    """
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    data = {
        "title": title,
        "slug": slug,
        "date": "2026-03-14",
        "summary": "Six leçons pour rendre le site de votre association accessible.",
        "featured_image": "",
        "featured_image_alt": "",
        "tags": "accessibilité, formation",
        "body": streamfield(
            [
                ("heading", {"text": "Au programme", "level": "h2"}),
                ("paragraph", rich_text("<p>Contrastes, textes alternatifs et titres.</p>")),
                ("quote", {"text": "Enfin une formation concrète.", "attribution": "Claire"}),
                (
                    "callout",
                    {"kind": "tip", "title": "Pour qui ?", "text": rich_text("<p>Toute personne qui publie.</p>")},
                ),
            ]
        ),
        "author_links": inline_formset([{"author": author.pk} for author in authors]),
        "related_links": inline_formset([{"related_page": page.pk} for page in related]),
    }
    data.update(fields)
    return nested_form_data(data)
