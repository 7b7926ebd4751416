"""Factories for the courses app (wagtail-factories for pages, factory_boy for the rest).

Pages need a parent: ``CourseIndexPageFactory(parent=home_page)``, ``CoursePageFactory(parent=index)``,
``LessonPageFactory(parent=course)``. ``build_course(index, lessons=3, quizzes=1)`` makes a published
course with its steps in order; ``QuizPageFactory`` adds two questions unless ``questions=[]``.
"""

import factory
import wagtail_factories
from django.utils import timezone

from courses.models import (
    Certificate,
    Choice,
    CourseIndexPage,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    Question,
    QuizAttempt,
    QuizPage,
    Theme,
    Trainer,
)

from .accounts import UserFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class TrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainer

    name = factory.Sequence(lambda n: f"Formatrice {n}")
    bio = "Développeuse web bénévole depuis dix ans."


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Formations"
    slug = "formations"
    intro = "Des formations courtes pour les associations."


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Formation {n}")
    slug = factory.Sequence(lambda n: f"formation-{n}")
    summary = "Apprenez l'essentiel en quelques leçons."
    theme = factory.SubFactory(ThemeFactory)
    level = "beginner"
    objectives = "Comprendre\nPratiquer"
    issues_certificate = True


def lesson_body():
    return [
        ("heading", {"text": "Pourquoi c'est important", "level": "h2"}),
        ("paragraph", "<p>Un paragraphe de leçon.</p>"),
        ("key_takeaways", {"title": "À retenir", "items": ["Premier point", "Second point"]}),
        ("checklist", {"title": "À vérifier", "items": ["Une chose", "Une autre"]}),
    ]


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Leçon {n}")
    slug = factory.Sequence(lambda n: f"lecon-{n}")
    estimated_minutes = 10
    body = factory.LazyFunction(lesson_body)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    text = factory.Sequence(lambda n: f"Question {n} ?")
    kind = "single"
    explanation = "Parce que."


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Réponse {n}")
    is_correct = False
    feedback = ""


def add_question(quiz, kind="single", choices=(("Oui", True), ("Non", False)), text=None, explanation="Parce que."):
    """Add a question with ``choices`` [(text, is_correct), ...] to ``quiz``; returns the question."""
    question = Question.objects.create(
        quiz=quiz,
        text=text or f"Question {quiz.questions.count() + 1} ?",
        kind=kind,
        explanation=explanation,
        sort_order=quiz.questions.count(),
    )
    for index, (choice_text, is_correct) in enumerate(choices):
        Choice.objects.create(question=question, text=choice_text, is_correct=is_correct, sort_order=index)
    return question


class QuizPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = QuizPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Quiz {n}")
    slug = factory.Sequence(lambda n: f"quiz-{n}")
    intro = "Vérifiez vos connaissances."
    pass_mark = 50
    max_attempts = 0
    estimated_minutes = 5

    @factory.post_generation
    def questions(obj, create, extracted, **kwargs):  # noqa: N805
        """``questions=[{"kind": ..., "choices": [(text, correct), ...]}, ...]``; default: two questions."""
        if not create:
            return
        specs = extracted
        if specs is None:
            specs = [
                {"kind": "single", "choices": [("Bonne réponse", True), ("Mauvaise réponse", False)]},
                {"kind": "true_false", "choices": [("Vrai", True), ("Faux", False)]},
            ]
        for spec in specs:
            add_question(obj, **spec)


def build_course(index, lessons=3, quizzes=1, **course_fields):
    """A published course under ``index`` with ``lessons`` lessons then ``quizzes`` quizzes."""
    course = CoursePageFactory(parent=index, **course_fields)
    for _ in range(lessons):
        LessonPageFactory(parent=course)
    for _ in range(quizzes):
        QuizPageFactory(parent=course)
    course.refresh_from_db()
    return course


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory)
    course = None


class LessonCompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonCompletion

    user = factory.SubFactory(UserFactory)
    lesson = None


class QuizAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizAttempt

    user = factory.SubFactory(UserFactory)
    quiz = None
    answers = factory.LazyFunction(dict)
    question_order = factory.LazyFunction(list)
    score = 100
    passed = True
    submitted_at = factory.LazyFunction(timezone.now)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    enrollment = None
    learner_name = factory.LazyAttribute(lambda o: o.enrollment.user.get_full_name() or o.enrollment.user.email)
    course_title = factory.LazyAttribute(lambda o: o.enrollment.course.title)


def quiz_form_data(title="Quiz final", slug="quiz-final", questions=None, **fields):
    """POST data of the quiz page editor. ``questions``: [{"text", "kind", "explanation",
    "choices": [(text, is_correct), ...]}]. Use it with Wagtail's ``assertCanCreate`` or the client."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    if questions is None:
        questions = [
            {
                "text": "La CNIL est-elle une autorité ?",
                "kind": "true_false",
                "choices": [("Vrai", True), ("Faux", False)],
            }
        ]
    data = {
        "title": title,
        "slug": slug,
        "intro": "Vérifiez vos connaissances.",
        "pass_mark": 70,
        "max_attempts": 0,
        "estimated_minutes": 5,
        "show_answers": "on",
        "questions": inline_formset(
            [
                {
                    "text": question["text"],
                    "kind": question.get("kind", "single"),
                    "explanation": question.get("explanation", ""),
                    "choices": inline_formset(
                        [
                            {"text": text, "is_correct": "on" if correct else "", "feedback": ""}
                            for text, correct in question["choices"]
                        ]
                    ),
                }
                for question in questions
            ]
        ),
    }
    data.update(fields)
    return nested_form_data(data)
