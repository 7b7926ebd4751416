"""Models of the learning reminders (courses/reminders.py), imported by ``courses.models``."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from home.optin import new_secret


@register_setting(icon="mail")
class LearningSettings(BaseSiteSetting):
    """When the reminders that bring learners back are sent (Settings › Rappels aux apprenants)."""

    inactivity_days = models.PositiveSmallIntegerField(
        _("days without activity before a reminder"),
        default=10,
        validators=[MinValueValidator(2), MaxValueValidator(90)],
        help_text=_("A learner with a course in progress and no activity for this many days gets one reminder."),
    )
    unfinished_quiz_days = models.PositiveSmallIntegerField(
        _("days before a reminder of a quiz left half-done"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    next_course_days = models.PositiveSmallIntegerField(
        _("days after a completed course before suggesting the next one"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("The suggestion is the next course of the same theme that the learner has not started."),
    )

    panels = [FieldPanel("inactivity_days"), FieldPanel("unfinished_quiz_days"), FieldPanel("next_course_days")]

    class Meta:
        verbose_name = _("learner reminders")


class LearnerPreferences(models.Model):
    """A learner's choice about reminders, and when the last one was sent (one a week at most)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="learning_preferences",
    )
    reminders = models.BooleanField(_("receive reminders"), default=True)
    last_reminder_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    # Carried by the unsubscribe link of every reminder (no log-in needed to stop them).
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("learner preferences")
        verbose_name_plural = _("learner preferences")

    def __str__(self):
        return str(self.user)


class ReminderKind(models.TextChoices):
    INACTIVE_COURSE = "inactive_course", _("Course in progress left aside")
    UNFINISHED_QUIZ = "unfinished_quiz", _("Quiz left half-done")
    NEXT_COURSE = "next_course", _("Next course suggested")


class Reminder(models.Model):
    """One reminder e-mail. ``key`` names the situation it is about, unique per learner, so the same
    situation is never reminded twice, however often (or concurrently) the command runs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    course = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("course"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    key = models.CharField(max_length=200)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="courses_reminder_once_per_situation")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.user}"
