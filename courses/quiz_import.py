"""Paste questions into a quiz (Aiken format, courses/aiken.py): preview first, then they are added to
the quiz's draft as a new revision, which the editor reviews and publishes as any other change."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import aiken
from .models import Choice, Question, QuizPage

EXAMPLE = """Quel est le rôle d'un texte alternatif ?
A. Décorer l'image
B. Décrire l'image à qui ne la voit pas
C. Améliorer le référencement seulement
ANSWER: B
EXPLICATION : Les lecteurs d'écran lisent le texte alternatif à voix haute.

Un lien « cliquez ici » suffit à dire où il mène.
A. Vrai
B. Faux
ANSWER: B"""


class QuizImportForm(forms.Form):
    text = forms.CharField(
        label=_("Questions to add"),
        max_length=100_000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true", "class": "quiz-import__text"}),
        error_messages={"required": _("Paste at least one question.")},
    )


def add_questions(quiz, parsed, user):
    """A new draft revision of ``quiz`` with the ``parsed`` questions after its own; returns it."""
    draft = quiz.get_latest_revision_as_object()
    existing = list(draft.questions.all())
    start = max((question.sort_order or 0 for question in existing), default=-1) + 1
    for offset, item in enumerate(parsed):
        question = Question(text=item.text, kind=item.kind, explanation=item.explanation, sort_order=start + offset)
        question.choices = [
            Choice(text=text, is_correct=is_correct, sort_order=index)
            for index, (text, is_correct) in enumerate(item.choices)
        ]
        existing.append(question)
    draft.questions = existing
    return draft.save_revision(user=user, log_action=True)


class QuizImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/quiz_import.html"
    page_title = _("Paste questions")
    header_icon = "list-ul"

    def dispatch(self, request, page_id):
        self.quiz = get_object_or_404(QuizPage, pk=page_id)
        if not self.quiz.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        lock = self.quiz.get_lock()
        self.locked_message = lock.get_message(request.user) if lock and lock.for_user(request.user) else ""
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.quiz.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.quiz.pk]), "label": self.quiz.title},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request, page_id):
        return self.render_to_response(self.get_context_data(form=QuizImportForm()))

    def post(self, request, page_id):
        form = QuizImportForm(request.POST)
        questions, errors = [], []
        if form.is_valid():
            questions, errors = aiken.parse(form.cleaned_data["text"])
            if not errors and "confirm" in request.POST and not self.locked_message:
                add_questions(self.quiz, questions, request.user)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s question added to the quiz's draft: check it, then publish or submit it.",
                        "%(count)s questions added to the quiz's draft: check them, then publish or submit them.",
                        len(questions),
                    )
                    % {"count": len(questions)},
                )
                return redirect("wagtailadmin_pages:edit", self.quiz.pk)
        return self.render_to_response(
            self.get_context_data(form=form, questions=questions, errors=errors, previewed=True)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(quiz=self.quiz, example=EXAMPLE, locked_message=self.locked_message)
        return context
