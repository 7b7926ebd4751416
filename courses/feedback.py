"""Lesson feedback: "Cette leçon vous a-t-elle aidé ? Oui / Non", with an optional comment.

One answer per learner and lesson (a unique constraint), changeable; two submits at the same moment
keep one answer. The form is a plain POST (works without JavaScript) shown to logged-in learners
under each lesson; staff read the counts and comments in Reports › *Leçons : avis*.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.validators import validate_multiline_text

from .feedback_models import COMMENT_MAX_LENGTH
from .models import LessonFeedback, LessonPage


class LessonFeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=gettext_lazy("Did this lesson help you?"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose “Yes” or “No”.")},
    )
    comment = forms.CharField(
        label=gettext_lazy("A comment? (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        validators=[validate_multiline_text],
        help_text=gettext_lazy("What helped you, what was missing or unclear. Only the association's team reads it."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX_LENGTH}),
    )

    def clean_comment(self):
        return (self.cleaned_data.get("comment") or "").replace("\x00", "").strip()


def save_feedback(user, lesson, helpful, comment):
    """Create or change ``user``'s answer about ``lesson``: always one row, even under double submits."""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                feedback, _created = LessonFeedback.objects.update_or_create(
                    user=user, lesson=lesson, defaults={"helpful": helpful, "comment": comment}
                )
                return feedback
        except IntegrityError:  # created by the other submit in between: update that one
            continue
    return LessonFeedback.objects.get(user=user, lesson=lesson)


@login_required
def lesson_feedback(request, lesson_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    lesson = LessonPage.objects.live().public().filter(pk=lesson_id).first()
    if lesson is None:
        raise Http404(_("This lesson does not exist."))
    form = LessonFeedbackForm(request.POST)
    if form.is_valid():
        save_feedback(request.user, lesson, form.cleaned_data["helpful"], form.cleaned_data["comment"])
        messages.success(request, _("Thank you: your answer helps us improve the lessons."))
        return redirect(lesson.url + "#lesson-feedback")
    # Nothing typed is lost: the comment comes back with the message.
    request.session["lesson_feedback_draft"] = {
        "lesson": lesson.pk,
        "comment": str(request.POST.get("comment", ""))[:COMMENT_MAX_LENGTH],
    }
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(lesson.url + "#lesson-feedback")
