"""StreamField blocks shared by every page type of the site.

Feature apps extend :class:`BaseStreamBlock` with their own blocks; templates live in
``templates/blocks/``. Link logic sits in :class:`LinkStructValue` so templates stay dumb.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Rich text features offered to editors, named once and reused.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]
RICH_TEXT_INLINE_FEATURES = ["bold", "italic", "link", "document-link"]

HEADING_LEVELS = [("h2", _("Level 2 heading (section)")), ("h3", _("Level 3 heading (sub-section)"))]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading text"), max_length=150)
    level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS,
        default="h2",
        required=True,
        label=_("Level"),
        help_text=_("Use level 2 for a main section and level 3 inside a section."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section title, level 2 or 3.")
        group = _("Text")
        preview_value = {"text": "Pourquoi une lettre d'information ?", "level": "h2"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text_block.html"
        label = _("Text")
        description = _("Paragraphs, lists and links.")
        group = _("Text")
        preview_value = (
            "<p>Une association qui communique régulièrement garde le lien avec ses bénévoles et ses donateurs.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it. Required unless decorative."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative image"),
        required=False,
        help_text=_("Tick only if the image adds no information (it will be ignored by screen readers)."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image, or tick “Decorative image” if it adds no information.")
                    )
                }
            )
        return value

    def get_preview_value(self):
        """The block chooser's preview shows the library's first image."""
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("pk").first()
        return self.normalize(
            {"image": image, "alt_text": "Trois bénévoles autour d'un ordinateur", "caption": "Atelier à Lyon."}
        )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("An image with its alternative text and an optional caption.")
        group = _("Media")


# Video sites named in the link ("… on YouTube"); any other https site is named by its host name.
VIDEO_HOSTS = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "youtube-nocookie.com": "YouTube",
    "vimeo.com": "Vimeo",
    "dailymotion.com": "Dailymotion",
    "dai.ly": "Dailymotion",
}


def video_host_name(url):
    """The video site's name for visitors: "YouTube", "Vimeo"… or the host name ("videos.example.org")."""
    host = (urlsplit(url).hostname or "").lower()
    host = host.removeprefix("www.").removeprefix("m.")
    for domain, name in VIDEO_HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host


def validate_https_video_url(value):
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        raise ValidationError(
            _(
                "Give the video's secure address, starting with https:// (for example https://www.youtube.com/watch?v=…)."
            )
        )


class VideoStructValue(blocks.StructValue):
    """The link to the video: no player is embedded, so visitors' data goes to no third party until they
    choose to follow the link (and the Content-Security-Policy names no other site)."""

    @cached_property
    def href(self):
        url = self.get("video") or ""
        # Earlier embeds accepted http:// addresses; anything else (javascript:…) is never a link.
        return url if urlsplit(url).scheme in ("https", "http") else ""

    @cached_property
    def host_name(self):
        return video_host_name(self.href)


class VideoBlock(blocks.StructBlock):
    # Named "video" like the former embed block, which stored the same address string.
    video = blocks.URLBlock(
        label=_("Video address"),
        max_length=500,
        validators=[validate_https_video_url],
        help_text=_(
            "The https:// address of the video's page (YouTube, Vimeo, PeerTube…). Visitors get a link to it: "
            "no player from another site is embedded."
        ),
    )
    title = blocks.CharBlock(label=_("Video title"), max_length=200, help_text=_("Shown in the link to the video."))
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=RICH_TEXT_INLINE_FEATURES + ["ol", "ul"]
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        value_class = VideoStructValue
        label = _("Video")
        description = _("A link to a video on another site, with its title and an optional transcript.")
        group = _("Media")
        preview_value = {
            "video": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Présenter son association en deux minutes",
            "transcript": "<p>Bonjour, je suis Claire, trésorière d'une épicerie solidaire…</p>",
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Author"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation and who said it.")
        group = _("Text")
        preview_value = {
            "text": "Depuis la formation, nous publions notre lettre chaque mois, sans stress.",
            "attribution": "Claire, trésorière d'une épicerie solidaire",
        }


CALLOUT_KINDS = [("info", _("Information")), ("tip", _("Tip")), ("warning", _("Warning"))]


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CALLOUT_KINDS, default="info", label=_("Kind"))
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=150)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_INLINE_FEATURES + ["ol", "ul"])

    class Meta:
        icon = "help"
        template = "blocks/callout_block.html"
        label = _("Call-out")
        description = _("A highlighted box: information, tip or warning.")
        group = _("Text")
        preview_value = {
            "kind": "tip",
            "title": "Astuce",
            "text": "<p>Programmez vos publications le lundi matin pour toute la semaine.</p>",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=150, help_text=_("Defaults to the document's title.")
    )

    def get_preview_value(self):
        """The block chooser's preview links to the library's first document."""
        from wagtail.documents import get_document_model

        document = get_document_model().objects.order_by("pk").first()
        if document is None:  # an empty library: an example that is never saved
            document = get_document_model()(title=_("Association statutes"), file="documents/statuts.pdf")
        return self.normalize({"document": document, "label": ""})

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Document download")
        description = _("A link to download a document, with its format and size.")
        group = _("Media")


class LinkStructValue(blocks.StructValue):
    """Resolves a link to either an internal page or an external address."""

    # Not named ``url``/``text``: templates look up dictionary keys first, and ``url`` is a field.
    @cached_property
    def href(self):
        page = self.get("page")
        if page:
            # A link to a page that was unpublished since is dropped rather than broken.
            return page.url if page.live else ""
        return self.get("url") or ""

    @cached_property
    def link_text(self):
        label = self.get("label")
        if label:
            return label
        page = self.get("page")
        return page.title if page else self.get("url", "")


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Link text"), max_length=100, required=False)
    page = blocks.PageChooserBlock(label=_("Page of the site"), required=False)
    url = blocks.URLBlock(label=_("Or an external address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("url"))
        if has_page == has_url:
            message = ValidationError(_("Choose either a page of the site or an external address (one of the two)."))
            raise StructBlockValidationError(block_errors={"page": message})
        if has_url and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("An external link needs a link text."))}
            )
        return value

    class Meta:
        icon = "link"
        value_class = LinkStructValue
        label = _("Link")
        template = "blocks/link_block.html"
        description = _("A link to a page of the site or to another site.")
        group = _("Navigation")


BUTTON_STYLES = [("primary", _("Main action")), ("secondary", _("Secondary action"))]


class ButtonBlock(LinkBlock):
    style = blocks.ChoiceBlock(choices=BUTTON_STYLES, default="primary", label=_("Style"))

    class Meta:
        icon = "link-external"
        value_class = LinkStructValue
        template = "blocks/button_block.html"
        label = _("Button link")
        description = _("A prominent link styled as a button.")
        group = _("Navigation")
        preview_value = {"label": "Découvrir les formations", "url": "https://example.org/", "style": "primary"}


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_INLINE_FEATURES + ["ol", "ul"])

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=150)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/faq_block.html"
        label = _("FAQ")
        description = _("Questions that open on click to show their answer (works without JavaScript).")
        group = _("Text")
        preview_value = {
            "title": "Questions fréquentes",
            "items": [
                {"question": "La formation est-elle gratuite ?", "answer": "<p>Oui, pour les adhérents.</p>"},
                {"question": "Combien de temps faut-il ?", "answer": "<p>Environ dix minutes par leçon.</p>"},
            ],
        }


class AccessibleTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Table title"), max_length=200, help_text=_("Says what the table shows; read first by screen readers.")
    )
    table = TableBlock(
        label=_("Table"),
        table_options={"startRows": 3, "startCols": 3, "colHeaders": False, "rowHeaders": False},
    )

    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        label = _("Table")
        description = _("A data table with a title and header cells.")
        preview_value = {
            "caption": "Tarifs des adhésions",
            "table": {
                "data": [["Formule", "Prix par an"], ["Bénévole", "10 €"], ["Association", "40 €"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
            },
        }
        group = _("Text")


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page body offers. Feature apps subclass it to add their own."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
    image = ImageBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    button = ButtonBlock()
    faq = FAQBlock()
    table = AccessibleTableBlock()

    class Meta:
        block_counts = {}


class LinkListBlock(blocks.StreamBlock):
    """Links for navigation menus and footers (site settings)."""

    link = LinkBlock()
