"""What learners say about lessons (courses/feedback.py), imported by ``courses.models``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


class LessonFeedback(models.Model):
    """ "Cette leçon vous a-t-elle aidé ?": one answer per learner and lesson, changeable.

    When an account is deleted its answers stay, without the person nor the comment, so that the
    lesson's counts stay right."""

    lesson = models.ForeignKey(
        "courses.LessonPage", verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="feedback"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lesson_feedback",
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("lesson feedback")
        verbose_name_plural = _("lesson feedback")
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="courses_feedback_one_per_learner")]

    def __str__(self):
        return f"{self.lesson_id}: {'+' if self.helpful else '-'}"


class CourseSurvey(models.Model):
    """The optional three-question survey at the end of a course (never blocks the attestation).

    Like lesson feedback, answers outlive a deleted account, without the person nor the free text."""

    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="surveys"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course_surveys",
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), choices=[(value, str(value)) for value in range(1, 6)]
    )
    would_recommend = models.BooleanField(_("would recommend it"))
    change = models.TextField(
        _("what they will change in their association"), blank=True, max_length=COMMENT_MAX_LENGTH
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("end-of-course survey")
        verbose_name_plural = _("end-of-course surveys")
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="courses_survey_one_per_learner")]

    def __str__(self):
        return f"{self.course_id}: {self.satisfaction}/5"
