"""The optional end-of-course survey: satisfaction 1–5, would you recommend it, and "qu'allez-vous
changer dans votre association ?". Offered once a course is complete; never blocks the attestation."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from home.validators import validate_multiline_text

from .feedback_models import COMMENT_MAX_LENGTH
from .models import CoursePage, CourseSurvey, Enrollment


class CourseSurveyForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you with this course?"),
        help_text=gettext_lazy("From 1 (not at all) to 5 (very)."),
        choices=[(str(value), str(value)) for value in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose a mark from 1 to 5."),
            "invalid_choice": gettext_lazy("Choose a mark from 1 to 5."),
        },
    )
    would_recommend = forms.TypedChoiceField(
        label=gettext_lazy("Would you recommend it to another association?"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose “Yes” or “No”."),
            "invalid_choice": gettext_lazy("Choose “Yes” or “No”."),
        },
    )
    change = forms.CharField(
        label=gettext_lazy("What will you change in your association? (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX_LENGTH}),
    )

    def clean_change(self):
        return (self.cleaned_data.get("change") or "").replace("\x00", "").strip()


def save_survey(user, course, values):
    for _attempt in range(2):
        try:
            with transaction.atomic():
                survey, _created = CourseSurvey.objects.update_or_create(user=user, course=course, defaults=values)
                return survey
        except IntegrityError:
            continue
    return CourseSurvey.objects.get(user=user, course=course)


@never_cache
@login_required
def course_survey(request, course_id):
    enrollment = (
        Enrollment.objects.filter(user=request.user, course_id=course_id, course__live=True)
        .select_related("course")
        .first()
    )
    if enrollment is None or enrollment.completed_at is None:
        raise Http404(_("The survey opens once you have completed the course."))
    course = CoursePage.objects.get(pk=enrollment.course_id)
    existing = CourseSurvey.objects.filter(user=request.user, course=course).first()
    if request.method == "POST":
        form = CourseSurveyForm(request.POST)
        if form.is_valid():
            save_survey(request.user, course, form.cleaned_data)
            messages.success(request, _("Thank you for your answers: they help us improve the course."))
            return redirect("courses:dashboard")
    elif request.method in ("GET", "HEAD"):
        initial = (
            {
                "satisfaction": str(existing.satisfaction),
                "would_recommend": "yes" if existing.would_recommend else "no",
                "change": existing.change,
            }
            if existing
            else {}
        )
        form = CourseSurveyForm(initial=initial)
    else:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "courses/course_survey.html",
        {"course": course, "form": form, "existing": existing, "certificate": getattr(enrollment, "certificate", None)},
        status=status,
    )
