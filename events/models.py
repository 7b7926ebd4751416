"""Live trainings: the agenda, its workshop pages with their dated sessions, and registrations.

Sessions are edited inline in the workshop page (drafts, preview, revisions and moderation cover
them); registrations are plain rows that point at a session. Seats are counted from the
registrations under a row lock of the session (``registrations.py``), so capacity holds however many
people click at once.

What only staff decide about a session (its cancellation) is never taken back by publishing an older
revision: ``Session.save`` keeps the value stored in the database.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.models import Level
from home.blocks import BaseStreamBlock
from home.forms import ALT_TEXT_HELP
from home.models import BasePage
from home.optin import new_secret, normalize_email
from home.panels import InlinePanel

from .forms import WorkshopPageForm

TOKEN_PATTERN = r"(?P<token>[A-Za-z0-9_-]{1,200})"  # noqa: S105 - a URL pattern


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    DROP_IN = "drop_in", _("Drop-in")


class AgendaPage(RoutablePageMixin, BasePage):
    """``/ateliers/``: the upcoming sessions of every workshop, filterable, and the archive."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short paragraph above the agenda."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    page_description = _("The agenda of workshops, webinars and drop-in sessions; add the workshops as sub-pages.")
    admin_icon = "date"
    search_result_label = _("Agenda")
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.WorkshopPage"]

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    def get_meta_description(self):
        return self.search_description or self.intro

    @path("", name="index")
    def index_route(self, request):
        from .views import agenda

        return agenda(request, self)

    @path("archives/", name="archive")
    def archive_route(self, request):
        from .views import agenda

        return agenda(request, self, archive=True)


class WorkshopPage(RoutablePageMixin, BasePage):
    """A workshop, webinar or drop-in, with its dated sessions (edited inline)."""

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences shown in the agenda and on the home page.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("cover image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it. Leave empty only if it is decorative."),
    )
    theme = models.ForeignKey(
        "courses.Theme",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshops",
        help_text=_("The courses' themes: used to filter the agenda."),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER)
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=Format.choices,
        default=Format.IN_PERSON,
        help_text=_("In person and drop-in sessions need a place; online sessions a meeting link."),
    )
    trainers = ParentalManyToManyField(
        "courses.Trainer",
        verbose_name=_("trainers"),
        blank=True,
        related_name="workshops",
        help_text=_("Who leads the sessions."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("description"))
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("linked course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshops",
        help_text=_("Optional: the online course that prepares for this workshop (“Prepare with the course …”)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("cover_image"),
                FieldPanel("cover_image_alt", help_text=ALT_TEXT_HELP),
                FieldPanel("cover_image_decorative"),
            ],
            heading=_("Cover image"),
        ),
        MultiFieldPanel([FieldPanel("format"), FieldPanel("theme"), FieldPanel("level")], heading=_("Classification")),
        FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("course"),
        InlinePanel(
            "sessions",
            label=_("Session"),
            add_label=_("Add a session"),
            heading=_("Sessions"),
            help_text=_(
                "Each date people can register for. Times are in Paris time. The meeting link of an online "
                "session is only sent to confirmed participants."
            ),
        ),
    ]
    base_form_class = WorkshopPageForm
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("format"),
        index.FilterField("theme"),
    ]

    social_image_fallback = "cover_image"
    page_description = _("A workshop, webinar or drop-in session, with its dates and registrations.")
    admin_icon = "group"
    search_result_label = _("Workshop")
    parent_page_types = ["events.AgendaPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_structured_data(self, request=None):
        """One schema.org ``Event`` per session still to come (the meeting link is never given)."""
        from django.utils import timezone

        from home.structured_data import CONTEXT, compact, image_url, organization

        url = self.get_full_url(request)
        organizer = organization(request, self)
        image = image_url(self.cover_image, request=request, page=self)
        events = []
        for session in self.sessions.filter(ends_at__gte=timezone.now()).order_by("starts_at"):
            if self.is_online:
                location = {"@type": "VirtualLocation", "url": url}
            else:
                address = compact(
                    {"@type": "PostalAddress", "streetAddress": session.address, "addressLocality": session.city}
                )
                location = compact({"@type": "Place", "name": session.venue or session.city, "address": address})
            events.append(
                compact(
                    {
                        "@context": CONTEXT,
                        "@type": "Event",
                        "name": self.title,
                        "description": self.get_meta_description(),
                        "url": url,
                        "image": [image] if image else None,
                        "inLanguage": "fr",
                        "startDate": timezone.localtime(session.starts_at).isoformat(timespec="seconds"),
                        "endDate": timezone.localtime(session.ends_at).isoformat(timespec="seconds"),
                        "eventStatus": "https://schema.org/EventCancelled"
                        if session.is_cancelled
                        else "https://schema.org/EventScheduled",
                        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
                        if self.is_online
                        else "https://schema.org/OfflineEventAttendanceMode",
                        "location": location,
                        "organizer": organizer,
                    }
                )
            )
        return events

    @property
    def is_online(self):
        return self.format == Format.ONLINE

    def get_context(self, request, *args, **kwargs):
        from .views import workshop_context

        context = super().get_context(request, *args, **kwargs)
        context.update(workshop_context(self, request))
        return context

    @path("", name="index")
    def index_route(self, request):
        from .views import workshop_page

        return workshop_page(request, self)

    @path("inscription/<int:session_id>/", name="register")
    def register_route(self, request, session_id):
        from .views import register

        return register(request, self, session_id)

    @re_path(rf"^confirmer/{TOKEN_PATTERN}/$", name="confirm")
    def confirm_route(self, request, token):
        from .views import confirm

        return confirm(request, self, token)

    @re_path(rf"^annuler/{TOKEN_PATTERN}/$", name="cancel")
    def cancel_route(self, request, token):
        from .views import cancel_by_link

        return cancel_by_link(request, self, token)

    @path("inscription/merci/", name="pending")
    def pending_route(self, request):
        from .views import pending

        return pending(request, self)

    @path("session/<int:session_id>/calendrier/", name="ics")
    def ics_route(self, request, session_id):
        from .views import session_ics

        return session_ics(request, self, session_id)


class Session(Orderable):
    """One date of a workshop. Times are stored in UTC and shown in Paris time."""

    page = ParentalKey(WorkshopPage, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    capacity = models.PositiveIntegerField(
        _("seats"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
        help_text=_("Beyond this number, people join the waiting list."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept registrations until the session starts."),
    )
    venue = models.CharField(
        _("place"), max_length=150, blank=True, help_text=_("For example “Maison des associations”.")
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, help_text=_("Used to filter the agenda."))
    access_info = models.TextField(
        _("access and accessibility"),
        blank=True,
        help_text=_("Public transport, floor, lift, wheelchair access, hearing loop…"),
    )
    map_url = models.URLField(
        _("map link"), blank=True, help_text=_("A plain link to a map (OpenStreetMap for example).")
    )
    meeting_url = models.URLField(
        _("meeting link"),
        blank=True,
        help_text=_(
            "Online sessions: the video-meeting link. Never shown on the site: only sent to confirmed "
            "participants (e-mail and “My courses”)."
        ),
    )
    # Decided by staff (the "Cancel the session" action), kept when a revision is published.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("city"),
                FieldPanel("access_info"),
                FieldPanel("map_url"),
            ],
            heading=_("Place (in person and drop-in)"),
        ),
        FieldPanel("meeting_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["starts_at"], name="events_session_start_idx")]

    def __str__(self):
        return f"{self.page.title} – {self.date_label}" if self.page_id else self.date_label

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.get("update_fields"):
            # Publishing a revision saves its sessions as they were then: never revive a cancelled one.
            stored = Session.objects.filter(pk=self.pk).values_list("cancelled_at", flat=True).first()
            if stored is not None:
                self.cancelled_at = stored
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if self.registration_deadline and self.starts_at and self.registration_deadline > self.starts_at:
            errors["registration_deadline"] = _("Registrations must close before the session starts, or at its start.")
        if errors:
            raise ValidationError(errors)

    # --- labels ------------------------------------------------------------------------------------

    @property
    def date_label(self):
        """``"mercredi 4 mars 2026, 18:00–20:00"`` in Paris time."""
        if not self.starts_at:
            return ""
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at) if self.ends_at else None
        day = date_format(start, "l j F Y")
        if end and end.date() == start.date():
            return f"{day}, {date_format(start, 'H:i')}–{date_format(end, 'H:i')}"
        if end:
            return f"{day}, {date_format(start, 'H:i')} – {date_format(end, 'l j F Y, H:i')}"
        return f"{day}, {date_format(start, 'H:i')}"

    @property
    def place_label(self):
        """``"Maison des associations, 12 rue des Tanneurs, 69001 Lyon"``: the city once, even when the
        address already ends with it."""
        city = self.city if self.city and self.city.casefold() not in self.address.casefold() else ""
        return ", ".join(part for part in (self.venue, self.address, city) if part)

    # --- state -------------------------------------------------------------------------------------

    @property
    def closes_at(self):
        return self.registration_deadline or self.starts_at

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def is_past(self):
        return self.ends_at is not None and self.ends_at <= timezone.now()

    @property
    def is_open(self):
        """Registrations accepted now: not cancelled, not started, deadline not passed."""
        return not self.is_cancelled and self.closes_at is not None and timezone.now() < self.closes_at

    @cached_property
    def confirmed_count(self):
        annotated = getattr(self, "confirmed_total", None)
        if annotated is not None:
            return annotated
        if not self.pk:
            return 0
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    @property
    def seats_left(self):
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self):
        return self.seats_left == 0

    @property
    def has_started(self):
        return self.starts_at is not None and self.starts_at <= timezone.now()

    # --- for staff (the "Live trainings" admin screens) ---------------------------------------------

    @property
    def workshop_title(self):
        return self.page.title

    @property
    def waiting_count(self):
        annotated = getattr(self, "waiting_total", None)
        if annotated is not None:
            return annotated
        return self.registrations.filter(status=Registration.Status.WAITING).count() if self.pk else 0

    @property
    def seats_label(self):
        """``"8 / 12"``: confirmed participants over seats."""
        return f"{self.confirmed_count} / {self.capacity}"

    @property
    def status_label(self):
        if self.is_cancelled:
            return _("Cancelled")
        if self.is_past:
            return _("Over")
        if self.has_started:
            return _("In progress")
        if not self.is_open:
            return _("Registrations closed")
        if self.is_full:
            return _("Full")
        return _("Open")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Those who hold a seat, wait for one or still have to confirm their address."""
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("queued_at", "pk")


class Registration(models.Model):
    """One person's place (or place in the queue) in one session: never two for the same address."""

    # Pages show registrations only through seat counts that may be a minute old: saving one must not
    # purge the caches (home/cache.py).
    purges_page_cache = False

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting e-mail confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshop_registrations",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254)
    email_normalized = models.CharField(_("normalised e-mail"), max_length=254, editable=False)
    organisation = models.CharField(_("association"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    language = models.CharField(_("language"), max_length=10, default="fr")
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("seat confirmed"), null=True, blank=True)
    queued_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "email_normalized"], name="events_registration_unique_email")
        ]
        indexes = [models.Index(fields=["session", "status"], name="events_registration_status_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.email_normalized = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == self.Status.WAITING

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def attended_label(self):
        if self.attended is None:
            return ""
        return _("Present") if self.attended else _("Absent")

    @property
    def session_start_local(self):
        return timezone.localtime(self.session.starts_at).strftime("%d/%m/%Y %H:%M")

    @property
    def session_starts_at(self):
        return self.session.starts_at

    @property
    def workshop_title(self):
        return self.session.page.title

    @property
    def is_member(self):
        return self.user_id is not None

    @property
    def status_label(self):
        return self.get_status_display()
