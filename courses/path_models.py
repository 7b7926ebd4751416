"""Learning paths ("parcours"): courses chained by editors, with a path attestation at the end.
Imported by ``courses.models``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import BasePage
from home.panels import InlinePanel


class LearningPathPage(BasePage):
    """A path of courses taken in order, e.g. Communication: the basics → the newsletter → social networks."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Who the path is for and what it leads to, in two or three sentences."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("page body"))
    issues_attestation = models.BooleanField(
        _("issues a path attestation"),
        default=True,
        help_text=_("Learners who complete every course of the path receive an attestation for the whole path."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "path_courses",
            label=_("Course"),
            add_label=_("Add a course to the path"),
            heading=_("Courses of the path, in order"),
            min_num=2,
            min_num_message=_("A path chains at least two courses."),
        ),
        FieldPanel("body"),
    ]
    settings_panels = [FieldPanel("issues_attestation")] + BasePage.settings_panels
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    page_description = _("A learning path: several courses of the catalogue to take in order, with an attestation.")
    admin_icon = "list-ol"
    search_result_label = _("Learning path")
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_courses(self):
        """The live courses of the path, in the editors' order (one query)."""
        from .models import CoursePage

        ordered = [link.course_id for link in self.path_courses.all()]
        courses = {course.pk: course for course in CoursePage.objects.live().filter(pk__in=ordered)}
        return [courses[pk] for pk in ordered if pk in courses]

    def get_context(self, request, *args, **kwargs):
        from .paths import path_context

        context = super().get_context(request, *args, **kwargs)
        context.update(path_context(self, request))
        return context


class PathCourse(Orderable):
    path = ParentalKey(LearningPathPage, on_delete=models.CASCADE, related_name="path_courses")
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="in_paths"
    )

    panels = [PageChooserPanel("course", page_type="courses.CoursePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("course of the path")
        verbose_name_plural = _("courses of the path")
        constraints = [models.UniqueConstraint(fields=["path", "course"], name="courses_path_course_once")]

    def __str__(self):
        return str(self.course_id)


def _new_code():
    from .models import generate_certificate_code

    return generate_certificate_code()


class PathCertificate(models.Model):
    """The attestation of a whole path: issued once, when its last course is completed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="path_certificates"
    )
    path = models.ForeignKey(
        LearningPathPage, verbose_name=_("learning path"), on_delete=models.CASCADE, related_name="certificates"
    )
    code = models.CharField(_("code"), max_length=32, unique=True, default=_new_code, editable=False)
    learner_name = models.CharField(_("learner's name"), max_length=300)
    path_title = models.CharField(_("path title"), max_length=255)
    course_titles = models.JSONField(_("courses"), default=list)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("path attestation")
        verbose_name_plural = _("path attestations")
        ordering = ["-issued_at"]
        constraints = [models.UniqueConstraint(fields=["user", "path"], name="courses_path_certificate_once")]

    def __str__(self):
        return f"{self.code} – {self.learner_name} – {self.path_title}"

    @property
    def course_title(self):
        """What the public verification page names (a course attestation's field of the same name)."""
        return self.path_title
