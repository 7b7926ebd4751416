from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BaseStreamBlock, LinkListBlock
from .forms import ALT_TEXT_HELP, HomePageForm
from .panels import InlinePanel, page_settings_help
from .privacy import CachedViewRestrictionsMixin
from .routing import FastRouteMixin


class SocialFieldsMixin(models.Model):
    """Image used when a page is shared (Open Graph / Twitter card), edited in the promote tab."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on social networks. Defaults to the site's image."),
    )

    # Wagtail's "show in menus" box is left out: the site's menus are the Navigation setting.
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("Address and search engines"),
        ),
        FieldPanel("social_image"),
    ]

    class Meta:
        abstract = True


class BasePage(FastRouteMixin, CachedViewRestrictionsMixin, SocialFieldsMixin, Page):
    """Base of every public page type: sharing image and a description for meta tags."""

    # Pages shown in search results display this label (e.g. "Formation", "Actualité").
    search_result_label = _("Page")
    # Icon shown next to the page type when editors choose what to create.
    admin_icon = "doc-full"
    # The "Réglages" tab: page types put their own settings first (``[...] + BasePage.settings_panels``).
    # Wagtail's panels here (scheduling, comments) live in side panels; the help says where.
    settings_panels = Page.settings_panels + [page_settings_help()]

    def get_meta_description(self):
        return self.search_description

    def get_structured_data(self, request=None):
        """The page's schema.org objects (JSON-LD, home/structured_data.py); page types add theirs."""
        return []

    def clean(self):
        super().clean()
        # Wagtail's slug widget converts a title to ASCII in the browser, but a slug typed by hand (or
        # posted without JavaScript) reaches the model as typed: refuse it with the address to use.
        if not getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True) and self.slug and not self.slug.isascii():
            suggestion = slugify(anyascii(self.slug))
            raise ValidationError(
                {
                    "slug": _("Use letters without accents, digits and hyphens only, for example “%(slug)s”.")
                    % {"slug": suggestion}
                }
            )

    # The page's own image shared when no social image is chosen ("cover_image", "featured_image"…).
    social_image_fallback = None

    def get_social_image_id(self):
        """The id of the image shared on social networks (the social image, else the page's own image),
        read without loading it; None means the organisation's default image."""
        if self.social_image_id or not self.social_image_fallback:
            return self.social_image_id
        return getattr(self, f"{self.social_image_fallback}_id")

    class Meta:
        abstract = True


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=150, help_text=_("The big title at the top of the page."))
    hero_intro = models.TextField(
        _("hero introduction"), blank=True, help_text=_("One or two sentences under the title.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it. Leave empty only if it is decorative."),
    )
    hero_cta_label = models.CharField(_("button text"), max_length=80, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("button destination"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_courses_title = models.CharField(
        _("featured courses title"), max_length=150, blank=True, default="Nos formations à la une"
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("page body"))

    search_fields = Page.search_fields + [index.SearchField("hero_intro"), index.SearchField("body")]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt", help_text=ALT_TEXT_HELP),
                FieldPanel("hero_image_decorative"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("featured_courses_title"),
                InlinePanel("featured_courses", label=_("Course"), add_label=_("Add a course")),
            ],
            heading=_("Featured courses"),
        ),
        FieldPanel("body"),
    ]

    base_form_class = HomePageForm

    page_description = _("The home page of the site: hero, featured courses, manifesto and latest news.")
    admin_icon = "home"
    max_count = 1

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated:
            # A member's home page carries personal parts (the "Reprendre" card): no shared cache
            # (Varnish or a CDN, docs/caching.md) may keep it.
            patch_cache_control(response, private=True)
        return response

    def get_structured_data(self, request=None):
        from .structured_data import CONTEXT, organization

        return [{"@context": CONTEXT, **organization(request, self)}]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.AccessibilityStatementPage",
        "courses.CourseIndexPage",
        "manifesto.ManifestoPage",
        "news.NewsIndexPage",
        "community.HelpRequestPage",
        "community.VolunteerIndexPage",
    ]
    search_result_label = _("Home")

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def clean(self):
        super().clean()
        if self.hero_cta_label and not self.hero_cta_page_id:
            raise ValidationError({"hero_cta_page": _("Choose the page the button leads to, or remove its text.")})
        if self.hero_cta_page_id and not self.hero_cta_label:
            raise ValidationError({"hero_cta_label": _("Give the button a text.")})


class HomeFeaturedCourse(Orderable):
    """A course chosen by editors for the home page (kept in home: no import of ``courses``)."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_courses")
    course = models.ForeignKey("wagtailcore.Page", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("course", page_type="courses.CoursePage")]

    def __str__(self):
        return str(self.course)

    class Meta(Orderable.Meta):
        verbose_name = _("featured course")
        verbose_name_plural = _("featured courses")


class StandardPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short paragraph shown under the title."))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("page body"))

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    page_description = _("A simple page of text and media: about us, contact, legal notice, privacy…")
    admin_icon = "doc-full"
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    search_result_label = _("Page")

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def get_meta_description(self):
        return self.search_description or self.intro


class AccessibilityStatementPage(BasePage):
    """The accessibility statement ("déclaration d'accessibilité") in the structure of the RGAA model: the
    state of compliance comes from fields (the footer shows it on every page), the other sections (test
    results, content that is not accessible, how the statement was made, feedback and contact, recourse)
    are the body, which the demo content fills in."""

    FULL, PARTIAL, NONE = "full", "partial", "none"
    STATUS_CHOICES = [
        (FULL, _("fully compliant")),
        (PARTIAL, _("partially compliant")),
        (NONE, _("not compliant")),
    ]

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short paragraph shown under the title."))
    compliance_status = models.CharField(
        _("state of compliance"),
        max_length=10,
        choices=STATUS_CHOICES,
        default=NONE,
        help_text=_(
            "RGAA: fully compliant when every criterion is met (100 %), partially compliant from 50 %, not "
            "compliant under 50 % or without an audit. Shown in the footer of every page."
        ),
    )
    compliance_rate = models.PositiveSmallIntegerField(
        _("compliance rate (%)"),
        null=True,
        blank=True,
        help_text=_("The share of the RGAA criteria that are met, from the last audit. Empty without an audit."),
    )
    standard = models.CharField(
        _("standard"),
        max_length=100,
        default="RGAA version 4.1.2",
        help_text=_("The standard the site was checked against."),
    )
    audit_date = models.DateField(
        _("date of the audit"), null=True, blank=True, help_text=_("When the last audit was done.")
    )
    statement_date = models.DateField(_("date of the statement"), help_text=_("When this statement was made."))
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("page body"),
        help_text=_(
            "The sections of the RGAA model: test results, content that is not accessible, how the statement "
            "was made, feedback and contact, recourse."
        ),
    )

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                FieldPanel("compliance_rate"),
                FieldPanel("standard"),
                FieldPanel("audit_date"),
                FieldPanel("statement_date"),
            ],
            heading=_("State of compliance"),
        ),
        FieldPanel("body"),
    ]

    page_description = _("The accessibility statement required by the RGAA (one per site).")
    admin_icon = "doc-full"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    search_result_label = _("Page")

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def get_meta_description(self):
        return self.search_description or self.intro

    def clean(self):
        super().clean()
        rate = self.compliance_rate
        if rate is not None and rate > 100:
            raise ValidationError({"compliance_rate": _("A rate is at most 100 %.")})
        if self.compliance_status == self.FULL and rate != 100:
            raise ValidationError(
                {"compliance_rate": _("A fully compliant site meets every criterion: the rate is 100 %.")}
            )
        if self.compliance_status == self.PARTIAL and (rate is None or not 50 <= rate < 100):
            raise ValidationError(
                {"compliance_rate": _("A partially compliant site meets from 50 % to 99 % of the criteria.")}
            )
        if self.compliance_status == self.NONE and rate is not None and rate >= 50:
            raise ValidationError(
                {
                    "compliance_status": _("With %(rate)s %% of the criteria met, the site is partially compliant.")
                    % {"rate": rate}
                }
            )
        if rate is not None and not self.audit_date:
            raise ValidationError({"audit_date": _("Give the date of the audit that measured this rate.")})


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    name = models.CharField(_("organisation name"), max_length=150, default="Webassoc")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used when a shared page has no image of its own."),
    )
    social_links = StreamField(LinkListBlock(), blank=True, verbose_name=_("social network links"))
    # The association's own figures, shown as "about …" wherever the site gives figures (the home
    # page's community block); left empty, the home page shows what the database counts.
    volunteers_figure = models.PositiveIntegerField(
        _("volunteer professionals (about)"),
        null=True,
        blank=True,
        help_text=_("How many volunteer web professionals the association gathers, rounded (e.g. 1400)."),
    )
    associations_figure = models.PositiveIntegerField(
        _("associations helped a year (about)"),
        null=True,
        blank=True,
        help_text=_("How many associations the volunteers help each year, rounded (e.g. 2000)."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        FieldPanel("postal_address"),
        FieldPanel("default_social_image"),
        FieldPanel("social_links"),
        MultiFieldPanel(
            [FieldPanel("volunteers_figure"), FieldPanel("associations_figure")],
            heading=_("The association's figures"),
        ),
    ]

    class Meta:
        verbose_name = _("organisation")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    primary_links = StreamField(LinkListBlock(), blank=True, verbose_name=_("main menu"))
    footer_links = StreamField(LinkListBlock(), blank=True, verbose_name=_("footer links"))

    panels = [FieldPanel("primary_links"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("navigation")
