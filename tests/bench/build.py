"""Build the benchmark's data sets (run by tests/bench/run.py in a subprocess with its own database).

small: the demo content (``load_demo``). large: the demo content plus, in bulk, the sizes of the
performance issue: 300 courses of 10 lessons and a quiz of 10 questions, 20,000 learners, 300,000 lesson
completions, 60,000 quiz attempts, 100,000 confirmed signatures, 3,000 news articles. Parts whose app is
not installed are skipped with a message.
"""

import importlib
import random
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from .bulk import bulk_add_children, vacuum_analyze

LARGE = {
    "courses": 300,
    "lessons_per_course": 10,
    "questions_per_quiz": 10,
    "learners": 20_000,
    "completions": 300_000,
    "attempts": 60_000,
    "signatures": 100_000,
    "articles": 3_000,
}
BENCH_LEARNER_EMAIL = "bench-learner@example.org"
BENCH_STAFF_EMAIL = "bench-staff@example.org"


def log(message, started=[]):  # noqa: B006 - a process-wide start time
    if not started:
        started.append(time.monotonic())
    print(f"[{time.monotonic() - started[0]:6.1f}s] {message}", flush=True)


def optional(module):
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def build(scale):
    log("migrate")
    call_command("migrate", verbosity=0, interactive=False)
    log("load_demo")
    call_command("load_demo", "--no-users", stdout=open("/dev/null", "w"))  # noqa: SIM115
    users = ensure_bench_users()
    # The pages measured are the demo's at both scales (same content, so the same query count unless
    # something costs a query per row); the large set adds the bulk data around them.
    give_progress_in_demo(users[0])
    quiz_attempts_in_demo(users[0])
    if scale == "large":
        with transaction.atomic():
            build_large()
        vacuum_analyze()
    log("done")


def ensure_bench_users():
    User = get_user_model()  # noqa: N806
    learner, _ = User.objects.get_or_create(
        email=BENCH_LEARNER_EMAIL, defaults={"first_name": "Léa", "last_name": "Bench"}
    )
    staff, _ = User.objects.get_or_create(
        email=BENCH_STAFF_EMAIL,
        defaults={"first_name": "Sam", "last_name": "Staff", "is_staff": True, "is_superuser": True},
    )
    return learner, staff


def give_progress_in_demo(learner):
    """The bench learner is enrolled in every course of the demo and finished the first lesson of each.

    The same at both scales, so that the learner's pages (dashboard, course, lesson, quiz) compare the
    same content and show what the volume of everyone else's data (20,000 learners) does to them.
    """
    courses = optional("courses.models")
    if courses is None:
        return
    demo_courses = list(courses.CoursePage.objects.live().order_by("path"))
    for course in demo_courses:
        courses.Enrollment.objects.get_or_create(user=learner, course=course)
        lesson = courses.LessonPage.objects.child_of(course).live().order_by("path").first()
        if lesson:
            courses.LessonCompletion.objects.get_or_create(user=learner, lesson=lesson)


def quiz_attempts_in_demo(learner):
    """(quiz, submitted attempt, open attempt) of the bench learner on the demo's first quiz, made with
    the app's own functions if missing: the quiz's result and question screens are measured with them.
    Idempotent, so a data set built before they existed gets them too."""
    courses = optional("courses.models")
    if courses is None:
        return None
    from courses import quiz as quiz_logic

    quiz = courses.QuizPage.objects.live().order_by("path").first()
    if quiz is None:
        return None
    attempts = courses.QuizAttempt.objects.filter(user=learner, quiz=quiz)
    submitted = attempts.filter(submitted_at__isnull=False).order_by("pk").first()
    if submitted is None:
        submitted, _created = quiz_logic.start_attempt(learner, quiz)
        quiz_logic.submit_attempt(submitted, quiz)
        submitted.refresh_from_db()
    try:
        current, _created = quiz_logic.start_attempt(learner, quiz)
    except quiz_logic.QuizError:  # no attempt left
        current = None
    return quiz, submitted, current


def build_large():
    rng = random.Random(42)  # noqa: S311 - reproducible data, not security
    build_courses(rng)
    build_signatures()
    build_news()


def build_courses(rng):
    courses = optional("courses.models")
    if courses is None:
        log("courses app missing: no course data")
        return
    from home.models import HomePage

    home = HomePage.objects.get()
    index = courses.CourseIndexPage.objects.first()
    if index is None:
        index = courses.CourseIndexPage(title="Formations", slug="formations")
        home.add_child(instance=index)
        index.save_revision().publish()
    themes = list(courses.Theme.objects.all()) or [courses.Theme.objects.create(name="Numérique", slug="numerique")]
    levels = ["beginner", "intermediate", "advanced"]
    log(f"{LARGE['courses']} courses")
    course_pages = bulk_add_children(
        index,
        [
            courses.CoursePage(
                title=f"Formation n°{n} : le web pour votre association",
                slug=f"bench-formation-{n}",
                summary="Une formation courte et pratique pour les bénévoles des associations.",
                theme=themes[n % len(themes)],
                level=levels[n % 3],
                objectives="Comprendre les bases\nMettre en pratique\nPartager avec l'équipe",
                duration_minutes=LARGE["lessons_per_course"] * 10 + 5,
            )
            for n in range(LARGE["courses"])
        ],
    )
    body = [
        ("heading", {"text": "Pourquoi c'est important", "level": "h2"}),
        ("paragraph", "<p>" + "Un site clair aide vos bénévoles et vos adhérents. " * 20 + "</p>"),
    ]
    log(f"{LARGE['courses'] * LARGE['lessons_per_course']} lessons and {LARGE['courses']} quizzes")
    lessons, quizzes = [], []
    for n, course in enumerate(course_pages):
        steps = [
            courses.LessonPage(title=f"Leçon {i + 1}", slug=f"lecon-{i + 1}", estimated_minutes=10, body=body)
            for i in range(LARGE["lessons_per_course"])
        ]
        quiz = courses.QuizPage(title="Quiz final", slug="quiz", intro="Vérifiez vos connaissances.", pass_mark=60)
        bulk_add_children(course, [*steps, quiz])
        lessons.extend(steps)
        quizzes.append(quiz)
        if n % 100 == 99:
            log(f"  {n + 1} courses filled")
    log("questions and choices")
    questions = courses.Question.objects.bulk_create(
        [
            courses.Question(
                quiz=quiz, text=f"Question {q + 1} ?", kind="single", explanation="Voir la leçon.", sort_order=q
            )
            for quiz in quizzes
            for q in range(LARGE["questions_per_quiz"])
        ],
        batch_size=2000,
    )
    courses.Choice.objects.bulk_create(
        [
            courses.Choice(question=question, text=f"Réponse {c + 1}", is_correct=c == 0, sort_order=c)
            for question in questions
            for c in range(4)
        ],
        batch_size=5000,
    )
    log(f"{LARGE['learners']} learners")
    User = get_user_model()  # noqa: N806
    learners = User.objects.bulk_create(
        [
            User(email=f"apprenant{n}@example.org", first_name="Camille", last_name=f"Apprenant{n}", password="!")
            for n in range(LARGE["learners"])
        ],
        batch_size=5000,
    )
    per_learner = LARGE["completions"] // LARGE["learners"]
    log(f"{LARGE['completions']} lesson completions and enrollments")
    now = timezone.now()
    completions, enrollments = [], []
    lessons_per_course = LARGE["lessons_per_course"]
    for user in learners:
        course_index = rng.randrange(len(course_pages))
        # A learner follows one or two courses: up to ``per_learner`` lessons in a row.
        first = course_index * lessons_per_course
        chosen = [lessons[(first + i) % len(lessons)] for i in range(per_learner)]
        for lesson in chosen:
            completions.append(courses.LessonCompletion(user_id=user.pk, lesson_id=lesson.pk, completed_at=now))
        for c in {course_index, (course_index + 1) % len(course_pages)}:
            enrollments.append(courses.Enrollment(user_id=user.pk, course_id=course_pages[c].pk))
        if len(completions) >= 50_000:
            courses.LessonCompletion.objects.bulk_create(completions, batch_size=10_000, ignore_conflicts=True)
            completions = []
    courses.LessonCompletion.objects.bulk_create(completions, batch_size=10_000, ignore_conflicts=True)
    courses.Enrollment.objects.bulk_create(enrollments, batch_size=10_000, ignore_conflicts=True)
    log(f"{LARGE['attempts']} quiz attempts")
    attempt_fields = {field.name for field in courses.QuizAttempt._meta.get_fields()}
    attempts = []
    for n in range(LARGE["attempts"]):
        extra = {"submitted_at": now} if "submitted_at" in attempt_fields else {}
        score = rng.randrange(0, 101)
        attempts.append(
            courses.QuizAttempt(
                user_id=learners[n % len(learners)].pk,
                quiz_id=quizzes[n % len(quizzes)].pk,
                score=score,
                passed=score >= 60,
                answers={},
                **extra,
            )
        )
    courses.QuizAttempt.objects.bulk_create(attempts, batch_size=10_000)


def build_signatures():
    manifesto = optional("manifesto.models")
    if manifesto is None or not hasattr(manifesto, "Signature"):
        log("manifesto app missing: no signatures")
        return
    page = manifesto.ManifestoPage.objects.first() if hasattr(manifesto, "ManifestoPage") else None
    if page is None:
        log("no manifesto page in the demo: no signatures")
        return
    log(f"{LARGE['signatures']} confirmed signatures")
    fields = {field.name for field in manifesto.Signature._meta.get_fields()}
    now = timezone.now()
    rows = []
    for n in range(LARGE["signatures"]):
        values = {
            "manifesto": page,
            "first_name": "Dominique",
            "last_name": f"Signataire{n}",
            "email": f"signataire{n}@example.org",
            "email_normalized": f"signataire{n}@example.org",
            "organisation": "Association du quartier",
            "role": "Développeuse",
            "city": "Lyon",
            "is_public": n % 4 != 0,
            "confirmed_at": now,
            "created_at": now,
        }
        rows.append(manifesto.Signature(**{k: v for k, v in values.items() if k in fields}))
    manifesto.Signature.objects.bulk_create(rows, batch_size=10_000, ignore_conflicts=True)
    refresh = getattr(manifesto, "refresh_signature_count", None)
    if callable(refresh):
        refresh(page)


def build_news():
    news = optional("news.models")
    if news is None or not hasattr(news, "NewsPage"):
        log("news app missing: no articles")
        return
    index = news.NewsIndexPage.objects.first()
    if index is None:
        log("no news index in the demo: no articles")
        return
    log(f"{LARGE['articles']} news articles")
    fields = {field.name for field in news.NewsPage._meta.get_fields()}
    now = timezone.now()
    articles = []
    for n in range(LARGE["articles"]):
        values = {
            "title": f"Actualité n°{n} de l'association",
            "slug": f"bench-actualite-{n}",
            "intro": "Des nouvelles de nos formations et de nos bénévoles.",
            "date": (now - timezone.timedelta(hours=n)).date(),
            "body": [("paragraph", "<p>" + "Une nouvelle pour nos membres. " * 30 + "</p>")],
        }
        article = news.NewsPage(**{k: v for k, v in values.items() if k in fields})
        article.first_published_at = now - timezone.timedelta(hours=n)
        articles.append(article)
    bulk_add_children(index, articles)
