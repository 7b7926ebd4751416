"""Editor form of the quiz page: checks the nested questions and choices before anything is saved."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from home.forms import DecorativeImagesPageForm, decorative_image_field


def _live_forms(formset):
    """The forms of an inline formset that will be kept (not deleted, not left empty)."""
    kept = []
    for form in formset.forms:
        if not hasattr(form, "cleaned_data"):
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if not form.has_changed() and not form.instance.pk:
            continue
        kept.append(form)
    return kept


def question_errors(kind, choices):
    """Messages for a question of ``kind`` whose choices are ``[(text, is_correct), ...]``."""
    correct = sum(1 for _text, is_correct in choices if is_correct)
    errors = []
    if kind == "true_false" and len(choices) != 2:
        errors.append(_("A true/false question needs exactly two choices (for example “Vrai” and “Faux”)."))
    if correct == 0:
        errors.append(_("Tick the correct answer: this question has no correct choice."))
    elif correct > 1 and kind in ("single", "true_false"):
        errors.append(
            _("A single-choice or true/false question has exactly one correct choice; %(count)s are ticked.")
            % {"count": correct}
        )
    return errors


class QuizPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        pass_mark = cleaned_data.get("pass_mark")
        if pass_mark is not None and not 0 <= pass_mark <= 100:
            self.add_error("pass_mark", _("The pass mark is a percentage: enter a number from 0 to 100."))

        questions = self.formsets.get("questions")
        if questions is None:
            return cleaned_data
        has_problem = False
        kept_questions = []
        for question_form in questions.forms:
            if not question_form.is_valid():
                continue
            if question_form in _live_forms(questions):
                kept_questions.append(question_form)
        for question_form in kept_questions:
            choices_formset = question_form.formsets.get("choices")
            if choices_formset is None:
                continue
            for choice_form in choices_formset.forms:
                choice_form.is_valid()
            choices = [
                (form.cleaned_data.get("text"), form.cleaned_data.get("is_correct"))
                for form in _live_forms(choices_formset)
            ]
            kind = question_form.cleaned_data.get("kind")
            for message in question_errors(kind, choices):
                # Keyed to the question's kind: Wagtail shows it right under that field.
                question_form.add_error("kind", message)
                has_problem = True
        if has_problem:
            self.add_error(None, _("Some questions need fixing: see the messages under each question."))
        return cleaned_data


class CoursePageForm(DecorativeImagesPageForm):
    cover_image_decorative = decorative_image_field()
    decorative_images = [("cover_image", "cover_image_alt", "cover_image_decorative")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The prerequisites are ticked in a list of the other courses, by title: a course cannot require
        # itself (a choice that is not offered is refused if it is posted anyway).
        field = self.fields.get("prerequisite_courses")
        if field is not None:
            courses = field.queryset.order_by("title")
            field.queryset = courses.exclude(pk=self.instance.pk) if self.instance.pk else courses
        trainers = self.fields.get("trainers")
        if trainers is not None:
            trainers.queryset = trainers.queryset.order_by("name")


DURATION_CHOICES = [
    ("", _("Any duration")),
    ("short", _("Less than 30 minutes")),
    ("medium", _("30 minutes to 1 hour 30")),
    ("long", _("More than 1 hour 30")),
]
DURATION_RANGES = {"short": (0, 29), "medium": (30, 90), "long": (91, None)}


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters, sent with GET: works without JavaScript."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    duration = forms.ChoiceField(label=_("Duration"), required=False, choices=DURATION_CHOICES)

    def __init__(self, *args, themes=(), **kwargs):
        from .models import Level

        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes"))] + [(theme.slug, theme.name) for theme in themes]
        self.fields["level"].choices = [("", _("All levels"))] + list(Level.choices)

    def filter(self, queryset):
        """Apply the valid filters; an invalid value is reported next to its field and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("theme"):
            queryset = queryset.filter(theme__slug=data["theme"])
        if data.get("level"):
            queryset = queryset.filter(level=data["level"])
        if data.get("duration"):
            low, high = DURATION_RANGES[data["duration"]]
            queryset = queryset.filter(duration_minutes__gte=low)
            if high is not None:
                queryset = queryset.filter(duration_minutes__lte=high)
        return queryset

    @property
    def is_filtered(self):
        return any(getattr(self, "cleaned_data", {}).values())
