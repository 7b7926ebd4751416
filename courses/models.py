"""Courses: catalogue, course, lesson and quiz pages, their snippets, and what learners produce.

Pages are edited in Wagtail; learner records (enrollments, completed lessons, quiz attempts,
certificates) are plain Django models pointing at those pages.
"""

import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.forms import ALT_TEXT_HELP
from home.models import BasePage
from home.panels import InlinePanel

from .blocks import LessonStreamBlock
from .forms import CoursePageForm, QuizPageForm
from .panels import CourseOutlinePanel

# --- Snippets -------------------------------------------------------------------------------------


class Theme(models.Model):
    """A subject area used to filter the catalogue (e.g. "Communication", "Finances")."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in the catalogue's address when filtering.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class Trainer(index.Indexed, models.Model):
    """A volunteer who wrote or leads a course."""

    name = models.CharField(_("name"), max_length=150)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short biography"), blank=True, help_text=_("Two or three sentences: job, experience."))

    panels = [FieldPanel("name"), FieldPanel("photo"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("bio")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def __str__(self):
        return self.name


# --- Pages ----------------------------------------------------------------------------------------


class CourseIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short paragraph above the catalogue."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    page_description = _("The course catalogue, with filters by theme, level and duration.")
    admin_icon = "folder-open-inverse"
    search_result_label = _("Courses")
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage", "courses.LearningPathPage"]

    class Meta:
        verbose_name = _("course catalogue")
        verbose_name_plural = _("course catalogues")

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        from .views import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        return context


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CoursePage(RoutablePageMixin, BasePage):
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences shown on the catalogue card.")
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
        Theme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        help_text=_("Used to filter the catalogue."),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER)
    objectives = models.TextField(
        _("objectives"), blank=True, help_text=_("What the learner will be able to do, one objective per line.")
    )
    audience = models.TextField(_("audience"), blank=True, help_text=_("Who the course is for."))
    prerequisites = models.TextField(
        _("prerequisites"), blank=True, help_text=_("What to know or have before starting. Leave empty if none.")
    )
    prerequisite_courses = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisite courses"),
        blank=True,
        symmetrical=False,
        related_name="required_by",
        help_text=_("Courses worth taking first: a recommendation, unless the box below is ticked."),
    )
    prerequisites_required = models.BooleanField(
        _("prerequisite courses are required"),
        default=False,
        help_text=_(
            "Ticked: the quizzes of this course stay locked until the learner has completed the prerequisite "
            "courses (the lessons stay open to everyone)."
        ),
    )
    trainers = ParentalManyToManyField(
        Trainer, verbose_name=_("trainers"), blank=True, related_name="courses", help_text=_("Who leads the course.")
    )
    issues_certificate = models.BooleanField(
        _("issues a certificate"),
        default=True,
        help_text=_("Learners who finish every lesson and pass every quiz receive a certificate."),
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        default=0,
        editable=False,
        help_text=_("Sum of the published steps' estimated minutes, kept up to date automatically."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        CourseOutlinePanel(heading=_("Course outline")),
        MultiFieldPanel(
            [
                FieldPanel("cover_image"),
                FieldPanel("cover_image_alt", help_text=ALT_TEXT_HELP),
                FieldPanel("cover_image_decorative"),
            ],
            heading=_("Cover image"),
        ),
        MultiFieldPanel([FieldPanel("theme"), FieldPanel("level")], heading=_("Classification")),
        FieldPanel("objectives"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldPanel("prerequisites"),
                FieldPanel("prerequisite_courses", widget=forms.CheckboxSelectMultiple),
                FieldPanel("prerequisites_required"),
            ],
            heading=_("Prerequisites"),
        ),
        FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
    ]
    settings_panels = [FieldPanel("issues_certificate")] + BasePage.settings_panels
    base_form_class = CoursePageForm
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.SearchField("audience"),
        index.FilterField("level"),
        index.FilterField("theme"),
    ]

    social_image_fallback = "cover_image"
    page_description = _("A course: its overview; add its lessons and quizzes as sub-pages, in order.")
    admin_icon = "bookmark"
    search_result_label = _("Course")
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]
    # The admin lists a course's steps in the order learners follow them (Wagtail's default is the
    # latest edited first, the reverse of the syllabus for a course built step by step).
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def permissions_for_user(self, user):
        # Wagtail lets only publishers reorder sub-pages; a course's steps are reordered by whoever
        # may edit the course (trainers included), without giving them the right to publish.
        from .permissions import CoursePermissionTester

        return CoursePermissionTester(user, self)

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_structured_data(self, request=None):
        from home.structured_data import CONTEXT, compact, image_url, organization

        return [
            compact(
                {
                    "@context": CONTEXT,
                    "@type": "Course",
                    "name": self.title,
                    "description": self.get_meta_description(),
                    "url": self.get_full_url(request),
                    "inLanguage": "fr",
                    "provider": organization(request, self),
                    "image": image_url(self.cover_image, request=request, page=self),
                    "educationalLevel": self.get_level_display(),
                    "timeRequired": f"PT{self.duration_minutes}M" if self.duration_minutes else None,
                    "isAccessibleForFree": True,
                }
            )
        ]

    @property
    def objectives_list(self):
        return [line.strip(" -•\t") for line in self.objectives.splitlines() if line.strip(" -•\t")]

    def get_steps(self):
        """Published lessons and quizzes of the course, in tree order (specific instances, without their
        bodies). Kept in the cache until the next purge: publishing, unpublishing, moving or deleting a
        page changes the list, and each of them starts a new generation (home/cache.py)."""
        from home.cache import generation_cached

        def build():
            steps = Page.objects.child_of(self).live().type(LessonPage, QuizPage).order_by("path")
            return list(steps.defer_streamfields().specific())

        if self.pk is None:
            return []
        return generation_cached(f"course-steps:{self.pk}", build)

    def get_outline_steps(self):
        """Every lesson and quiz of the course, drafts included, in the order learners follow them (for
        the admin's course outline; learners only ever see :meth:`get_steps`)."""
        steps = Page.objects.child_of(self).type(LessonPage, QuizPage).order_by("path")
        return list(steps.defer_streamfields().specific())

    def recompute_duration(self):
        total = sum(
            model.objects.child_of(self).live().aggregate(total=models.Sum("estimated_minutes"))["total"] or 0
            for model in (LessonPage, QuizPage)
        )
        if total != self.duration_minutes:
            self.duration_minutes = total
            CoursePage.objects.filter(pk=self.pk).update(duration_minutes=total)
        return total

    def get_context(self, request, *args, **kwargs):
        from .views import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(self, request))
        return context

    @path("commencer/", name="start")
    def start(self, request):
        from .views import start_course

        return start_course(request, self)


class StepMixin(models.Model):
    """What lessons and quizzes share: an estimated time, and a link to their course."""

    estimated_minutes = models.PositiveIntegerField(
        _("estimated time (minutes)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("How long most learners need. The course's duration is the sum of its steps."),
    )

    class Meta:
        abstract = True

    def get_course(self):
        parent = self.get_parent()
        return parent.specific if parent else None

    def own_description(self):
        """The step's own introduction for search engines and sharing (empty when it has none)."""
        return ""

    def get_meta_description(self):
        """The step's own description, else its introduction, else its course's summary: never the site's
        tagline, which every lesson and quiz would otherwise share."""
        if self.search_description or self.own_description():
            return self.search_description or self.own_description()
        course = self.get_course()
        return getattr(course, "summary", "") if course else ""

    def permissions_for_user(self, user):
        from .permissions import StepPermissionTester

        return StepPermissionTester(user, self)


class LessonPage(RoutablePageMixin, StepMixin, BasePage):
    body = StreamField(LessonStreamBlock(), blank=True, verbose_name=_("lesson body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    settings_panels = [FieldPanel("estimated_minutes")] + BasePage.settings_panels
    search_fields = Page.search_fields + [index.SearchField("body")]

    page_description = _("A lesson of a course: text, media, exercises and key takeaways.")
    admin_icon = "doc-full-inverse"
    search_result_label = _("Lesson")
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def get_context(self, request, *args, **kwargs):
        from .views import step_context

        context = super().get_context(request, *args, **kwargs)
        context.update(step_context(self, request))
        return context

    def own_description(self):
        """The text of the lesson's first paragraph."""
        for block in self.body:
            if block.block_type == "paragraph":
                first = block.value.source.split("</p>", 1)[0]  # its first <p>, or its whole text
                text = " ".join(strip_tags(first).split())
                if text:
                    return Truncator(text).chars(300)
        return ""

    @path("terminer/", name="complete")
    def complete(self, request):
        from .views import complete_lesson

        return complete_lesson(request, self)


class QuizPage(RoutablePageMixin, StepMixin, BasePage):
    """A graded quiz. Its questions and choices are edited inline (nested panels)."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown before the first question."))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Minimum score, in percent (0 to 100), to pass the quiz."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("How many times a learner may submit. 0 means unlimited.")
    )
    shuffle_questions = models.BooleanField(
        _("shuffle questions"), default=False, help_text=_("Each attempt shows the questions in a random order.")
    )
    show_answers = models.BooleanField(
        _("show answers after submitting"),
        default=True,
        help_text=_("After submitting, show the correct answers and the explanations."),
    )

    base_form_class = QuizPageForm

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        HelpPanel(template="courses/admin/quiz_import_panel.html", heading=_("Paste questions")),
        InlinePanel(
            "questions",
            label=_("Question"),
            add_label=_("Add a question"),
            heading=_("Questions"),
            min_num=1,
            min_num_message=_("A quiz needs at least one question: add one before publishing."),
        ),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("shuffle_questions"),
                FieldPanel("show_answers"),
            ],
            heading=_("Scoring and attempts"),
        ),
        FieldPanel("estimated_minutes"),
    ] + BasePage.settings_panels
    search_fields = Page.search_fields + [index.SearchField("intro")]

    page_description = _("A quiz of a course: questions with single, multiple or true/false answers, scored.")
    admin_icon = "help"
    search_result_label = _("Quiz")
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def own_description(self):
        return self.intro

    def clean(self):
        super().clean()
        if self.pass_mark is not None and not 0 <= self.pass_mark <= 100:
            raise ValidationError({"pass_mark": _("The pass mark is a percentage: enter a number from 0 to 100.")})

    def get_context(self, request, *args, **kwargs):
        from .quiz_views import quiz_context
        from .views import step_context

        context = super().get_context(request, *args, **kwargs)
        context.update(step_context(self, request))
        context.update(quiz_context(self, request))
        return context

    # The learner's quiz screens (courses/quiz_views.py).

    @path("commencer/", name="quiz_start")
    def quiz_start(self, request):
        from . import quiz_views

        return quiz_views.start(request, self)

    @path("tentative/<int:attempt_id>/question/<int:number>/", name="quiz_question")
    def quiz_question(self, request, attempt_id, number):
        from . import quiz_views

        return quiz_views.question(request, self, attempt_id, number)

    @path("tentative/<int:attempt_id>/recapitulatif/", name="quiz_review")
    def quiz_review(self, request, attempt_id):
        from . import quiz_views

        return quiz_views.review(request, self, attempt_id)

    @path("tentative/<int:attempt_id>/resultat/", name="quiz_result")
    def quiz_result(self, request, attempt_id):
        from . import quiz_views

        return quiz_views.result(request, self, attempt_id)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class Question(ClusterableModel, Orderable):
    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=QuestionKind.choices,
        default=QuestionKind.SINGLE,
        help_text=_("Single: exactly one correct choice. Multiple: one or more. True/false: two choices, one correct."),
    )
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown after submitting, when the quiz shows answers.")
    )
    lesson = models.ForeignKey(
        LessonPage,
        verbose_name=_("lesson to review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The lesson of this course that covers the question: a learner who gets it wrong is offered a "
            "link to it (a lesson of another course is not offered). Optional."
        ),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        FieldPanel("explanation"),
        PageChooserPanel("lesson", page_type="courses.LessonPage"),
        InlinePanel(
            "choices",
            label=_("Choice"),
            add_label=_("Add an answer"),
            heading=_("Choices"),
            min_num=2,
            min_num_message=_("A question needs at least two answers."),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:80]


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(
        _("feedback"), blank=True, help_text=_("Shown after submitting when this choice was picked.")
    )

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


# --- Learner records ------------------------------------------------------------------------------


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrollments"
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="courses_enrollment_unique")]
        indexes = [models.Index(fields=["course", "completed_at"])]
        # Staff reports in the Wagtail admin (given to "Modération" and "Formateurs" by a migration).
        permissions = [
            ("view_reports", _("Can view course reports")),
            ("reset_progress", _("Can reset a learner's progress")),
        ]

    def __str__(self):
        return f"{self.user} – {self.course}"


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="lesson_completions",
    )
    lesson = models.ForeignKey(LessonPage, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True)

    class Meta:
        verbose_name = _("completed lesson")
        verbose_name_plural = _("completed lessons")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="courses_lessoncompletion_unique")]

    def __str__(self):
        return f"{self.user} – {self.lesson}"


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(QuizPage, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="attempts")
    # Question ids in the order shown to the learner (shuffled once, when the attempt starts).
    question_order = models.JSONField(_("question order"), default=list, blank=True)
    # {"<question id>": [choice id, ...]}, saved as the learner answers.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # Ids of the questions answered right, set when the attempt is scored (for the staff reports).
    correct_questions = models.JSONField(_("questions answered right"), default=list, blank=True)
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(submitted_at__isnull=True),
                name="courses_one_open_attempt_per_quiz",
            )
        ]
        indexes = [models.Index(fields=["user", "quiz", "passed"])]

    def __str__(self):
        return f"{self.user} – {self.quiz} ({self.score if self.score is not None else '…'})"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


CERTIFICATE_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read aloud
CERTIFICATE_CODE_LENGTH = 12


def generate_certificate_code():
    return "".join(secrets.choice(CERTIFICATE_CODE_ALPHABET) for _ in range(CERTIFICATE_CODE_LENGTH))


class Certificate(models.Model):
    enrollment = models.OneToOneField(
        Enrollment, verbose_name=_("enrollment"), on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(_("code"), max_length=32, unique=True, default=generate_certificate_code, editable=False)
    # Snapshots: the certificate keeps saying what it said when issued.
    learner_name = models.CharField(_("learner's name"), max_length=300)
    course_title = models.CharField(_("course title"), max_length=255)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.code} – {self.learner_name} – {self.course_title}"


from .feedback_models import CourseSurvey, LessonFeedback  # noqa: E402, F401
from .path_models import LearningPathPage, PathCertificate, PathCourse  # noqa: E402, F401
from .reminder_models import LearnerPreferences, LearningSettings, Reminder, ReminderKind  # noqa: E402, F401
