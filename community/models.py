"""The community: associations' help requests matched to volunteers, and volunteers as people.

- ``HelpRequestPage`` (``/demander-un-accompagnement/``): the public form and every link of the
  e-mails (confirm a request, a volunteer's answer, the follow-up, a signatory's volunteer page).
- ``HelpRequest``: what an association asked; counts only once its contact confirmed the address
  (the manifesto's double opt-in, ``home/optin.py``). Staff triage it in the admin.
- ``Proposal``: a request proposed to one volunteer (a confirmed signatory who agreed to be asked, or a
  volunteer profile); the volunteer answers with a personal signed link.
- ``VolunteerIndexPage`` (``/benevoles/``) and ``VolunteerPage``: the trainers and authors who agreed
  to appear. A page shows, is searchable and is in the sitemap only while ``agreed_to_appear`` is set.

Dependencies point one way: this app reads ``courses`` (trainers), ``news`` (authors) and
``manifesto`` (signatures, the skills list); none of them imports it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_INLINE_FEATURES
from home.departements import DEPARTEMENT_CHOICES, REGION_CHOICES, departement_label, region_of
from home.models import BasePage
from home.optin import new_secret, normalize_email
from manifesto.models import Skill

SKILL_LABELS = dict(Skill.choices)


def skills_display(skills):
    return ", ".join(str(SKILL_LABELS.get(skill, skill)) for skill in skills or [])


# --- help requests --------------------------------------------------------------------------------


class AssociationSize(models.TextChoices):
    ALONE = "alone", _("Only one or two volunteers")
    SMALL = "small", _("3 to 10 volunteers")
    MEDIUM = "medium", _("11 to 50 volunteers")
    LARGE = "large", _("More than 50 volunteers or paid staff")


class Cause(models.TextChoices):
    SOLIDARITY = "solidarity", _("Solidarity and social action")
    CULTURE = "culture", _("Culture and arts")
    SPORT = "sport", _("Sport and leisure")
    ENVIRONMENT = "environment", _("Environment and climate")
    EDUCATION = "education", _("Education and youth")
    HEALTH = "health", _("Health and disability")
    RIGHTS = "rights", _("Rights, citizenship and exiled people")
    OTHER = "other", _("Other cause")


class Timing(models.TextChoices):
    URGENT = "urgent", _("As soon as possible")
    MONTH = "month", _("Within a month")
    QUARTER = "quarter", _("Within three months")
    FLEXIBLE = "flexible", _("No hurry")


class Status(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    PROPOSED = "proposed", _("Proposed to volunteers")
    MATCHED = "matched", _("Matched")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


OPEN_STATUSES = [Status.NEW, Status.ACCEPTED, Status.PROPOSED]
HELPED_STATUSES = [Status.MATCHED, Status.IN_PROGRESS, Status.DONE]
CLOSED_STATUSES = [Status.DONE, Status.DECLINED]


class Outcome(models.TextChoices):
    SUCCEEDED = "succeeded", _("The mission succeeded")
    FAILED = "failed", _("The mission did not succeed")


class HelpRequestPage(RoutablePageMixin, BasePage):
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences above the form: who can ask, what to expect.")
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
    thank_you_text = RichTextField(
        _("thank-you message"),
        blank=True,
        features=RICH_TEXT_INLINE_FEATURES + ["ol", "ul"],
        help_text=_("Shown once the association has confirmed its e-mail address."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("thank_you_text")]
    settings_panels = [PageChooserPanel("privacy_page")] + BasePage.settings_panels
    search_fields = Page.search_fields + [index.SearchField("intro")]

    page_description = _("The form associations use to ask for the help of a volunteer.")
    admin_icon = "help"
    search_result_label = _("Help request")
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("help request form")
        verbose_name_plural = _("help request forms")

    def get_context(self, request, *args, form=None, **kwargs):
        from .views import form_context

        context = super().get_context(request, *args, **kwargs)
        context.update(form_context(self, request, form=form))
        return context

    @path("", name="index")
    def index_route(self, request):
        from .views import request_form

        return request_form(request, self)

    @path("merci/", name="pending")
    def pending_route(self, request):
        from .views import pending

        return pending(request, self)

    @re_path(r"^confirmer/(?P<token>[A-Za-z0-9_-]{1,200})/$", name="confirm")
    def confirm_route(self, request, token):
        from .views import confirm

        return confirm(request, self, token)

    @re_path(r"^reponse/(?P<token>[A-Za-z0-9_-]{1,200})/$", name="answer")
    def answer_route(self, request, token):
        from .views import answer

        return answer(request, self, token)

    @re_path(r"^suivi/(?P<token>[A-Za-z0-9_-]{1,200})/$", name="follow_up")
    def follow_up_route(self, request, token):
        from .views import follow_up

        return follow_up(request, self, token)

    @re_path(r"^mes-missions/(?P<token>[A-Za-z0-9_-]{1,200})/$", name="volunteer")
    def volunteer_route(self, request, token):
        from .views import signatory_volunteer

        return signatory_volunteer(request, self, token)


class HelpRequestQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class HelpRequest(models.Model):
    # Staff-only records: saving one must not purge the caches (home/cache.py).
    purges_page_cache = False

    page = models.ForeignKey(
        HelpRequestPage, verbose_name=_("form"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    association = models.CharField(_("association"), max_length=150)
    city = models.CharField(_("city"), max_length=100)
    departement = models.CharField(_("département"), max_length=3, choices=DEPARTEMENT_CHOICES)
    size = models.CharField(_("size"), max_length=10, choices=AssociationSize.choices)
    cause = models.CharField(_("cause"), max_length=20, choices=Cause.choices)
    skills = models.JSONField(_("skills needed"), default=list, blank=True)
    need = models.TextField(_("need"), max_length=2000)
    timing = models.CharField(_("when"), max_length=10, choices=Timing.choices)
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"), max_length=254)
    email_normalized = models.CharField(max_length=254, editable=False, db_index=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    consent_at = models.DateTimeField(_("consent to the processing"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True)
    staff_notes = models.TextField(_("staff notes"), blank=True, help_text=_("Seen only by staff."))
    volunteers_wanted = models.PositiveSmallIntegerField(
        _("volunteers wanted"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("The first volunteers who accept, up to this number, are introduced to the association."),
    )
    language = models.CharField(_("language"), max_length=10, default="fr")
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    matched_at = models.DateTimeField(_("matched"), null=True, blank=True, db_index=True)
    follow_up_sent_at = models.DateTimeField(_("follow-up sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.association} ({self.city})"

    def save(self, *args, **kwargs):
        self.email_normalized = normalize_email(self.contact_email)
        super().save(*args, **kwargs)

    @property
    def skills_display(self):
        return skills_display(self.skills)

    @property
    def departement_display(self):
        return departement_label(self.departement)

    @property
    def region(self):
        return region_of(self.departement)

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def confirmation_label(self):
        return _("Confirmed") if self.is_confirmed else _("Awaiting confirmation")

    def accepted_count(self):
        return self.proposals.filter(answer=Proposal.Answer.ACCEPTED).count()

    def confirm(self):
        """Confirm once (safe under concurrency). True if it was confirmed now."""
        now = timezone.now()
        updated = HelpRequest.objects.filter(pk=self.pk, confirmed_at__isnull=True).update(confirmed_at=now)
        if updated:
            self.confirmed_at = now
        return bool(updated)

    def close(self, outcome):
        """Close the request with the follow-up's answer (the first answer wins)."""
        now = timezone.now()
        status = Status.DONE if outcome == Outcome.SUCCEEDED else Status.DECLINED
        updated = (
            HelpRequest.objects.filter(pk=self.pk, closed_at__isnull=True)
            .exclude(status__in=CLOSED_STATUSES)
            .update(closed_at=now, outcome=outcome, status=status)
        )
        if updated:
            self.closed_at, self.outcome, self.status = now, outcome, status
        return bool(updated)


class Proposal(models.Model):
    """A request proposed to one volunteer, who answers with a personal signed link."""

    class Answer(models.TextChoices):
        WAITING = "", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Available")
        DECLINED = "declined", _("Not this time")
        TOO_LATE = "too_late", _("Available, but the places were taken")

    purges_page_cache = False

    request = models.ForeignKey(
        HelpRequest, verbose_name=_("help request"), on_delete=models.CASCADE, related_name="proposals"
    )
    signature = models.ForeignKey(
        "manifesto.Signature",
        verbose_name=_("signatory"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mission_proposals",
    )
    volunteer = models.ForeignKey(
        "community.VolunteerPage",
        verbose_name=_("volunteer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mission_proposals",
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True, default="")
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    introduced_at = models.DateTimeField(_("introduced"), null=True, blank=True)
    outcome = models.CharField(_("follow-up answer"), max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "signature"], name="community_proposal_unique_signature"),
            models.UniqueConstraint(fields=["request", "volunteer"], name="community_proposal_unique_volunteer"),
            models.CheckConstraint(
                condition=models.Q(signature__isnull=False) | models.Q(volunteer__isnull=False),
                name="community_proposal_has_someone",
            ),
        ]

    def __str__(self):
        return f"{self.request} → {self.name}"

    @cached_property
    def person(self):
        return self.signature if self.signature_id else self.volunteer

    @property
    def name(self):
        if self.signature_id:
            return self.signature.full_name
        return self.volunteer.title if self.volunteer_id else ""

    @property
    def first_name(self):
        if self.signature_id:
            return self.signature.first_name
        return self.volunteer.title.split(" ", 1)[0] if self.volunteer_id else ""

    @property
    def email(self):
        if self.signature_id:
            return self.signature.email
        return self.volunteer.email if self.volunteer_id else ""

    def accept(self):
        """Accept the mission. Returns the new answer: ``ACCEPTED`` while places remain, ``TOO_LATE`` once
        they are taken; a replayed link changes nothing and returns the answer already given.

        The request row is locked (``select_for_update``) so that two volunteers accepting the last
        place at once end with exactly ``volunteers_wanted`` accepted."""
        with transaction.atomic():
            help_request = HelpRequest.objects.select_for_update().get(pk=self.request_id)
            current = Proposal.objects.select_for_update().get(pk=self.pk)
            if current.answer:
                self.answer = current.answer
                return current.answer
            accepted = Proposal.objects.filter(request=help_request, answer=Proposal.Answer.ACCEPTED).count()
            closed = help_request.status in CLOSED_STATUSES or help_request.anonymised_at is not None
            now = timezone.now()
            answer = Proposal.Answer.TOO_LATE if closed or accepted >= help_request.volunteers_wanted else None
            answer = answer or Proposal.Answer.ACCEPTED
            Proposal.objects.filter(pk=self.pk).update(answer=answer, answered_at=now)
            if answer == Proposal.Answer.ACCEPTED and accepted + 1 >= help_request.volunteers_wanted:
                HelpRequest.objects.filter(pk=help_request.pk).update(status=Status.MATCHED, matched_at=now)
            self.answer, self.answered_at = answer, now
        return answer

    def decline(self):
        updated = Proposal.objects.filter(pk=self.pk, answer="").update(
            answer=Proposal.Answer.DECLINED, answered_at=timezone.now()
        )
        if updated:
            self.answer = Proposal.Answer.DECLINED
        else:
            self.refresh_from_db(fields=["answer", "answered_at"])
        return self.answer


# --- volunteers as people -------------------------------------------------------------------------


class VolunteerIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short paragraph shown under the title."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    page_description = _("The list of the volunteers who agreed to appear, with filters by skill and region.")
    admin_icon = "group"
    search_result_label = _("Volunteers")
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["community.VolunteerPage"]

    class Meta:
        verbose_name = _("volunteers page")
        verbose_name_plural = _("volunteers pages")

    def get_context(self, request, *args, **kwargs):
        from .views import volunteer_list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(volunteer_list_context(self, request))
        return context


class VolunteerPage(BasePage):
    """One volunteer's public profile, shown only while they agree to appear."""

    role = models.CharField(
        _("role"), max_length=150, help_text=_("E.g. “Développeuse, formatrice bénévole” or “Designer UX”.")
    )
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A square portrait works best. Defaults to the trainer's or author's photo."),
    )
    bio = models.TextField(_("biography"), blank=True, help_text=_("A few sentences: job, experience, why they help."))
    skills = models.JSONField(_("skills"), default=list, blank=True)
    departement = models.CharField(_("département"), max_length=3, choices=DEPARTEMENT_CHOICES, blank=True)
    region = models.CharField(
        _("region"), max_length=60, blank=True, editable=False, choices=REGION_CHOICES, db_index=True
    )
    trainer = models.OneToOneField(
        "courses.Trainer",
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_page",
        help_text=_("If this person leads courses: their courses are listed on the profile."),
    )
    author = models.OneToOneField(
        "news.Author",
        verbose_name=_("news author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_page",
        help_text=_("If this person writes news: their articles are listed on the profile."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_page",
        help_text=_("The volunteer's account on the site: from it they can withdraw their profile."),
    )
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("Never shown. Used to send mission proposals; given to an association only once they accept."),
    )
    agreed_to_appear = models.BooleanField(
        _("agreed to appear"),
        default=False,
        help_text=_(
            "Tick only once the person agreed to a public profile. They can withdraw it from their account; "
            "the page then disappears from the site, the search and the sitemap."
        ),
    )
    agreed_to_missions = models.BooleanField(
        _("can be asked for missions"),
        default=True,
        help_text=_("Suggested to staff for matching help requests (needs an e-mail)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("role"),
        FieldPanel("portrait"),
        FieldPanel("bio"),
        FieldPanel("skills"),
        FieldPanel("departement"),
        MultiFieldPanel(
            [FieldPanel("trainer"), FieldPanel("author"), FieldPanel("user"), FieldPanel("email")],
            heading=_("Links with the rest of the site"),
        ),
        MultiFieldPanel([FieldPanel("agreed_to_appear"), FieldPanel("agreed_to_missions")], heading=_("Consents")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("role"),
        index.SearchField("bio"),
        index.FilterField("agreed_to_appear"),
    ]

    page_description = _("A volunteer's profile: portrait, role, skills, region, courses and articles.")
    admin_icon = "user"
    search_result_label = _("Volunteer")
    parent_page_types = ["community.VolunteerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def clean(self):
        super().clean()
        unknown = [skill for skill in self.skills or [] if skill not in SKILL_LABELS]
        if unknown:
            raise ValidationError({"skills": _("Choose skills from the list.")})

    def save(self, *args, **kwargs):
        self.region = region_of(self.departement)
        super().save(*args, **kwargs)
        if not self.agreed_to_appear:
            from wagtail.search.index import remove_object

            remove_object(self)  # not found by the site search while they do not agree

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().filter(agreed_to_appear=True)

    @property
    def skills_display(self):
        return skills_display(self.skills)

    @property
    def skill_labels(self):
        return [str(SKILL_LABELS[skill]) for skill in self.skills or [] if skill in SKILL_LABELS]

    @property
    def portrait_image(self):
        if self.portrait_id:
            return self.portrait
        if self.trainer_id and self.trainer.photo_id:
            return self.trainer.photo
        if self.author_id and self.author.photo_id:
            return self.author.photo
        return None

    def get_meta_description(self):
        return self.search_description or f"{self.role}. {self.bio}"[:300]

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.agreed_to_appear else []

    def serve(self, request, *args, **kwargs):
        if not self.agreed_to_appear:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .views import volunteer_profile_context

        context = super().get_context(request, *args, **kwargs)
        context.update(volunteer_profile_context(self, request))
        return context

    def withdraw(self):
        """The volunteer withdrew their public profile: it leaves the site, the search and the sitemap."""
        self.agreed_to_appear = False
        self.save(update_fields=["agreed_to_appear", "region"])
        if self.live:
            self.unpublish()
