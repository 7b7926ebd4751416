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
