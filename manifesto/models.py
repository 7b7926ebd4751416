"""The manifesto: one routable page (text, counter, form, wall) and the signatures it collects.

Only confirmed signatures count or appear. The count is kept in ``SignatureCount`` (one row per
manifesto), changed with ``F()`` expressions in the same transaction as the signature it reflects, so
pages read one row instead of counting signatures; ``refresh_signature_count`` recomputes it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import RICH_TEXT_INLINE_FEATURES, BaseStreamBlock
from home.departements import DEPARTEMENT_CHOICES
from home.models import BasePage
from home.panels import InlinePanel

from .tokens import new_secret, normalize_email

OTHER_PROFESSION = "other"


class Skill(models.TextChoices):
    DEVELOPMENT = "development", _("Web development")
    DESIGN = "design", _("Design and user experience")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    WRITING = "writing", _("Writing and editorial content")
    PROJECT = "project", _("Project management")
    VISIBILITY = "visibility", _("Search engines and visibility")
    SOCIAL = "social", _("Social networks and newsletters")
    PRIVACY = "privacy", _("Personal data and security")
    HOSTING = "hosting", _("Hosting and system administration")
    TRAINING = "training", _("Training and mentoring")


class ManifestoPage(RoutablePageMixin, BasePage):
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences shown under the title, above the counter.")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("text of the manifesto"))
    signature_goal = models.PositiveIntegerField(
        _("signature goal"),
        default=1000,
        validators=[MinValueValidator(1)],
        help_text=_("The number of signatures the counter and the progress bar aim at."),
    )
    closes_at = models.DateTimeField(
        _("closing date"),
        null=True,
        blank=True,
        help_text=_(
            "After this date and time the form disappears and the final count is shown. Leave empty to keep it open."
        ),
    )
    show_wall = models.BooleanField(
        _("show the public list of signatories"),
        default=True,
        help_text=_("Only confirmed signatories who chose to appear are listed."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked next to the consent checkbox of the form."),
    )
    confirmation_email_text = models.TextField(
        _("confirmation e-mail text"),
        blank=True,
        help_text=_("Plain text at the top of the e-mail asking signatories to confirm. The link follows it."),
    )
    thank_you_text = RichTextField(
        _("thank-you message"),
        blank=True,
        features=RICH_TEXT_INLINE_FEATURES + ["ol", "ul"],
        help_text=_("Shown once a signatory has confirmed their signature."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("confirmation_email_text"), FieldPanel("thank_you_text")],
            heading=_("Messages to signatories"),
        ),
    ]
    settings_panels = [
        MultiFieldPanel(
            [FieldPanel("signature_goal"), FieldPanel("closes_at"), FieldPanel("show_wall")],
            heading=_("Signatures"),
        ),
        InlinePanel(
            "professions",
            label=_("Profession"),
            add_label=_("Add a profession"),
            heading=_("Professions offered in the form"),
            help_text=_("Signatories choose one of these, or “Other” and type their own."),
        ),
        PageChooserPanel("privacy_page"),
    ] + BasePage.settings_panels
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    page_description = _("The manifesto: its text, the live signature counter, the form and the list of signatories.")
    admin_icon = "edit"
    search_result_label = _("Manifesto")
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("manifesto")
        verbose_name_plural = _("manifestos")

    def clean(self):
        super().clean()
        if self.signature_goal is not None and self.signature_goal < 1:
            raise ValidationError({"signature_goal": _("The goal must be at least one signature.")})

    # --- the count ---------------------------------------------------------------------------------

    @cached_property
    def signature_count(self):
        """Confirmed signatures: one row read (the stored count), never a count of signatures."""
        if not self.pk:
            return 0
        count = SignatureCount.objects.filter(manifesto_id=self.pk).values_list("confirmed", flat=True).first()
        if count is None:  # no stored count yet (created by a signal): count, but never write on a read
            count = Signature.objects.filter(manifesto_id=self.pk, confirmed_at__isnull=False).count()
        return count

    @property
    def progress_percent(self):
        if not self.signature_goal:
            return 0
        return min(100, round(100 * self.signature_count / self.signature_goal))

    @property
    def progress_max(self):
        """The progress bar's maximum: the goal, or the count once the goal is passed."""
        return max(self.signature_goal or 1, self.signature_count)

    def count_text(self):
        return ngettext(
            "%(count)s signatory out of %(goal)s", "%(count)s signatories out of %(goal)s", self.signature_count
        ) % {"count": self.signature_count, "goal": self.signature_goal}

    # --- state -------------------------------------------------------------------------------------

    @property
    def is_open(self):
        return self.closes_at is None or timezone.now() < self.closes_at

    def get_meta_description(self):
        description = self.search_description or self.intro
        return f"{self.count_text()}. {description}" if description else self.count_text()

    def get_context(self, request, *args, form=None, correction=False, **kwargs):
        from .views import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request, form=form))
        context["correction"] = correction
        return context

    def get_sitemap_urls(self, request=None):
        """The manifesto, and its wall of signatories when it is shown (last changed with the newest
        signature on it)."""
        urls = super().get_sitemap_urls(request)
        if not self.show_wall or not urls:
            return urls
        latest = (
            Signature.objects.filter(manifesto_id=self.pk)
            .on_wall()
            .order_by("-confirmed_at")
            .values_list("confirmed_at", flat=True)
            .first()
        )
        candidates = [value for value in (latest, self.last_published_at) if value]
        wall = {"location": urls[0]["location"] + self.reverse_subpage("wall")}
        if candidates:
            wall["lastmod"] = max(candidates)
        return [*urls, wall]

    # --- sub-routes (views in views.py) ------------------------------------------------------------

    @path("", name="index")
    def index_route(self, request):
        from .views import manifesto_page

        return manifesto_page(request, self)

    @path("merci/", name="pending")
    def pending_route(self, request):
        from .views import pending

        return pending(request, self)

    @path("merci/corriger/", name="correct")
    def correct_route(self, request):
        from .views import correct

        return correct(request, self)

    @re_path(r"^confirm/(?P<token>[A-Za-z0-9_-]{1,200})/$", name="confirm")
    def confirm_route(self, request, token):
        from .views import confirm

        return confirm(request, self, token)

    @path("signataires/", name="wall")
    def wall_route(self, request):
        from .views import wall

        return wall(request, self)

    @re_path(r"^retrait/(?P<token>[A-Za-z0-9_-]{1,200})/$", name="withdraw")
    def withdraw_route(self, request, token):
        from .views import withdraw

        return withdraw(request, self, token)


class ManifestoProfession(Orderable):
    """A profession signatories can choose in the form (edited inline in the manifesto page)."""

    page = ParentalKey(ManifestoPage, on_delete=models.CASCADE, related_name="professions")
    name = models.CharField(_("profession"), max_length=100)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("profession")
        verbose_name_plural = _("professions")

    def __str__(self):
        return self.name


class SignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)

    def on_wall(self):
        """What the public may see: confirmed, public and not hidden by a moderator."""
        return self.filter(confirmed_at__isnull=False, is_public=True, is_hidden=False)


class Signature(models.Model):
    # A snippet (moderated in the admin) that pages show only through counts and lists that may be up
    # to a minute old: saving one must not purge the caches (home/cache.py), or every signature
    # during a busy hour would.
    purges_page_cache = False

    manifesto = models.ForeignKey(
        ManifestoPage, verbose_name=_("manifesto"), on_delete=models.CASCADE, related_name="signatures"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    email_normalized = models.CharField(_("normalised e-mail"), max_length=254, editable=False)
    profession = models.ForeignKey(
        ManifestoProfession,
        verbose_name=_("profession (from the list)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signatures",
    )
    # What is shown: the chosen profession's name, or what the signatory typed after "Other".
    role = models.CharField(_("profession"), max_length=100, blank=True)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    message = models.TextField(_("message"), max_length=500, blank=True)
    skills = models.JSONField(_("skills offered"), default=list, blank=True)
    # A separate, optional consent: being asked for volunteer missions (read by the community app).
    volunteer_consent = models.BooleanField(_("agrees to be asked for volunteer missions"), default=False)
    volunteer_consent_at = models.DateTimeField(_("volunteer missions consent"), null=True, blank=True)
    volunteer_available = models.BooleanField(
        _("available for missions"), default=True, help_text=_("The volunteer can pause requests from their link.")
    )
    departement = models.CharField(_("département"), max_length=3, blank=True, choices=DEPARTEMENT_CHOICES)
    is_public = models.BooleanField(_("shown on the public list"), default=False)
    is_hidden = models.BooleanField(
        _("hidden by a moderator"), default=False, help_text=_("Hidden from the public list; still counted.")
    )
    newsletter = models.BooleanField(_("asked for the newsletter"), default=False)
    newsletter_consent_at = models.DateTimeField(
        _("newsletter consent"), null=True, blank=True, help_text=_("Set when the signature is confirmed.")
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version of the text signed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, default="fr")
    ip_hash = models.CharField(_("hashed address"), max_length=64, blank=True, editable=False)
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("signed"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, db_index=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["manifesto", "email_normalized"], name="manifesto_signature_unique_email")
        ]
        indexes = [
            models.Index(
                fields=["manifesto", "-confirmed_at", "-id"],
                name="manifesto_wall_idx",
                condition=Q(confirmed_at__isnull=False, is_public=True, is_hidden=False),
            ),
            # Volunteers suggested for a help request are looked up by département (community/matching.py).
            models.Index(
                fields=["departement", "-confirmed_at"],
                name="manifesto_volunteer_idx",
                condition=Q(volunteer_consent=True, confirmed_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.email_normalized = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def status_label(self):
        return _("Confirmed") if self.is_confirmed else _("Awaiting confirmation")

    @property
    def admin_status(self):
        """The one status of the staff list: awaiting confirmation, or confirmed and where it shows."""
        if not self.is_confirmed:
            return _("Awaiting confirmation")
        if self.is_hidden:
            return _("Confirmed, hidden by a moderator")
        if self.is_public:
            return _("Confirmed, public")
        return _("Confirmed, not public")

    @property
    def skills_display(self):
        labels = dict(Skill.choices)
        return ", ".join(str(labels.get(skill, skill)) for skill in self.skills or [])

    def confirm(self):
        """Confirm once (safe under concurrency): the count goes up by one. True if it was confirmed now."""
        now = timezone.now()
        with transaction.atomic():
            updated = Signature.objects.filter(pk=self.pk, confirmed_at__isnull=True).update(confirmed_at=now)
            if not updated:
                return False
            if self.newsletter:
                Signature.objects.filter(pk=self.pk).update(newsletter_consent_at=now)
            if self.volunteer_consent:
                Signature.objects.filter(pk=self.pk).update(volunteer_consent_at=now)
            change_signature_count(self.manifesto_id, +1)
        self.confirmed_at = now
        if self.newsletter:
            self.newsletter_consent_at = now
        if self.volunteer_consent:
            self.volunteer_consent_at = now
        return True


class SignatureCount(models.Model):
    """The number of confirmed signatures of a manifesto, kept up to date as they come and go."""

    manifesto = models.OneToOneField(
        ManifestoPage, primary_key=True, on_delete=models.CASCADE, related_name="signature_tally"
    )
    confirmed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("signature count")

    def __str__(self):
        return str(self.confirmed)


def _page_id(manifesto):
    return manifesto.pk if isinstance(manifesto, models.Model) else manifesto


def refresh_signature_count(manifesto):
    """Recount the confirmed signatures of ``manifesto`` (a page or its id) and store the result."""
    page_id = _page_id(manifesto)
    count = Signature.objects.filter(manifesto_id=page_id, confirmed_at__isnull=False).count()
    if ManifestoPage.objects.filter(pk=page_id).exists():
        SignatureCount.objects.update_or_create(manifesto_id=page_id, defaults={"confirmed": count})
    if isinstance(manifesto, ManifestoPage):
        manifesto.__dict__["signature_count"] = count
    return count


def change_signature_count(manifesto, delta, create_missing=True):
    """Add ``delta`` to the stored count, atomically (``F()``); recount when there is no row yet
    (unless ``create_missing`` is false: a page being deleted must not get a new row)."""
    page_id = _page_id(manifesto)
    updated = SignatureCount.objects.filter(manifesto_id=page_id).update(confirmed=Greatest(F("confirmed") + delta, 0))
    if not updated and create_missing:
        refresh_signature_count(page_id)
