"""Demo courses, themes, trainers, featured courses and two demo learners' progress. Idempotent."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import Site

from home.demo_utils import demo_image, get_or_create_child
from home.models import HomeFeaturedCourse, HomePage, NavigationSettings

from .demo_content import COURSES, THEMES, TRAINERS
from .models import Choice, CourseIndexPage, CoursePage, LessonPage, Question, QuizAttempt, QuizPage, Theme, Trainer
from .progress import check_course_completion, ensure_enrollment, record_lesson_completion

LEARNERS = [
    ("camille.learner@webassoc.test", "Camille", "Lefèvre"),
    ("yanis.learner@webassoc.test", "Yanis", "Haddad"),
]


def _quiz(course, spec):
    quiz = QuizPage.objects.child_of(course).filter(slug=spec["slug"]).first()
    if quiz:
        return quiz
    quiz = QuizPage(
        slug=spec["slug"],
        title=spec["title"],
        intro=spec["intro"],
        pass_mark=spec["pass_mark"],
        max_attempts=spec.get("max_attempts", 0),
        shuffle_questions=False,
        show_answers=True,
        estimated_minutes=8,
    )
    for order, (kind, text, explanation, choices) in enumerate(spec["questions"]):
        question = Question(kind=kind, text=text, explanation=explanation, sort_order=order)
        question.choices = [
            Choice(text=choice, is_correct=correct, feedback=feedback, sort_order=index)
            for index, (choice, correct, feedback) in enumerate(choices)
        ]
        quiz.questions.add(question)
    course.add_child(instance=quiz)
    quiz.save_revision().publish()
    return quiz


def _attempt(user, quiz, passed):
    """A submitted attempt answering every question right (passed) or wrong (failed)."""
    if QuizAttempt.objects.filter(user=user, quiz=quiz, passed=passed, submitted_at__isnull=False).exists():
        return
    answers, right = {}, 0
    questions = list(quiz.questions.prefetch_related("choices"))
    for question in questions:
        choices = list(question.choices.all())
        picked = (
            [c.pk for c in choices if c.is_correct] if passed else [next(c.pk for c in choices if not c.is_correct)]
        )
        right += passed
        answers[str(question.pk)] = picked
    score = round(100 * right / len(questions)) if questions else 0
    QuizAttempt.objects.create(
        user=user,
        quiz=quiz,
        question_order=[q.pk for q in questions],
        answers=answers,
        correct_questions=[q.pk for q in questions] if passed else [],
        score=score,
        passed=score >= quiz.pass_mark,
        submitted_at=timezone.now(),
    )


def _open_attempt(user, quiz, answered):
    """An unsubmitted attempt with the first ``answered`` questions answered (right)."""
    if QuizAttempt.objects.filter(user=user, quiz=quiz).exists():
        return
    questions = list(quiz.questions.prefetch_related("choices").order_by("sort_order"))
    QuizAttempt.objects.create(
        user=user,
        quiz=quiz,
        question_order=[q.pk for q in questions],
        answers={str(q.pk): [c.pk for c in q.choices.all() if c.is_correct] for q in questions[:answered]},
    )


def create_learner_progress(user):
    """Camille: one course completed (quiz passed, certificate issued), one in progress. Yanis: one failed
    quiz, one course started, and one whose quiz he left half answered (to resume)."""
    courses = {course.slug: course for course in CoursePage.objects.all()}
    if len(courses) < 4:
        return
    plan = {
        "camille.learner@webassoc.test": [("lettre-information-email", "done"), ("collecter-des-dons-en-ligne", 2)],
        "yanis.learner@webassoc.test": [
            ("rgpd-pour-les-associations", "failed"),
            ("reseaux-sociaux-associations", 1),
            ("lettre-information-email", "quiz_open"),
        ],
    }.get(user.email, [])
    for slug, state in plan:
        course = courses[slug]
        ensure_enrollment(user, course)
        lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
        quiz = QuizPage.objects.child_of(course).live().first()
        count = len(lessons) if state in ("done", "failed", "quiz_open") else state
        for lesson in lessons[:count]:
            record_lesson_completion(user, lesson)
        if quiz is not None and state in ("done", "failed"):
            _attempt(user, quiz, passed=state == "done")
        if quiz is not None and state == "quiz_open":
            _open_attempt(user, quiz, answered=2)
        check_course_completion(user, course)


def _on_user_created(sender, instance, created, **kwargs):
    if created and instance.email in {email for email, _first, _last in LEARNERS}:
        create_learner_progress(instance)


PATH_SLUG = "communiquer-en-ligne-pas-a-pas"
PATH_COURSES = ["reseaux-sociaux-associations", "lettre-information-email", "rgpd-pour-les-associations"]


def _load_path(context, index, courses):
    """The demo learning path: communicate online, step by step, and within the rules."""
    from .models import LearningPathPage, PathCourse

    if LearningPathPage.objects.child_of(index).filter(slug=PATH_SLUG).exists():
        return
    by_slug = {course.slug: course for course in courses}
    path = LearningPathPage(
        slug=PATH_SLUG,
        title="Parcours : communiquer en ligne, pas à pas",
        intro="Trois formations à suivre dans l’ordre pour faire connaître votre association : choisir et animer "
        "ses réseaux sociaux, lancer une lettre d’information, puis respecter les règles de protection des "
        "données de vos contacts. Une attestation de parcours vous attend au bout.",
        search_description="Parcours de trois formations gratuites : réseaux sociaux, lettre d’information et RGPD "
        "pour les associations.",
    )
    path.path_courses = [
        PathCourse(course=by_slug[slug], sort_order=position)
        for position, slug in enumerate(PATH_COURSES)
        if slug in by_slug
    ]
    index.add_child(instance=path)
    path.save_revision().publish()
    context.created += 1


def load(context):
    home = context.home or HomePage.objects.first()
    index, created = get_or_create_child(
        home,
        CourseIndexPage,
        "formations",
        title="Formations",
        intro="Des formations en ligne courtes et gratuites, pensées pour les bénévoles : dix minutes par leçon, "
        "sur ordinateur comme sur téléphone.",
        search_description="Formations en ligne gratuites pour les associations : dons, réseaux sociaux, "
        "lettre d'information, RGPD.",
    )
    context.created += created

    themes = {}
    for name, slug in THEMES:
        themes[slug], created = Theme.objects.get_or_create(slug=slug, defaults={"name": name})
        context.created += created
    trainers = {}
    for name, bio in TRAINERS:
        trainer = Trainer.objects.filter(name=name).first()
        if trainer is None:
            trainer = Trainer.objects.create(
                name=name, bio=bio, photo=demo_image(f"Portrait de {name}", 400, 400, seed=f"trainer-{name}")
            )
            context.created += 1
        trainers[name] = trainer

    courses = []
    for spec in COURSES:
        course = CoursePage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if course is None:
            course = CoursePage(
                slug=spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                theme=themes[spec["theme"]],
                level=spec["level"],
                objectives=spec["objectives"],
                audience=spec["audience"],
                prerequisites=spec["prerequisites"],
                issues_certificate=True,
                cover_image=demo_image(f"Couverture : {spec['title']}", seed=spec["slug"]),
                cover_image_alt="",
                search_description=spec["summary"],
            )
            course.trainers = [trainers[name] for name in spec["trainers"]]
            index.add_child(instance=course)
            course.save_revision().publish()
            context.created += 1
        for lesson_spec in spec["lessons"]:
            _lesson, created = get_or_create_child(
                course,
                LessonPage,
                lesson_spec["slug"],
                title=lesson_spec["title"],
                estimated_minutes=lesson_spec["minutes"],
                body=lesson_spec["body"],
            )
            context.created += created
        if QuizPage.objects.child_of(course).filter(slug=spec["quiz"]["slug"]).exists() is False:
            _quiz(course, spec["quiz"])
            context.created += 1
        course.recompute_duration()
        courses.append(course)

    # The newsletter course recommends the social-networks course first.
    newsletter = next(c for c in courses if c.slug == "lettre-information-email")
    social = next(c for c in courses if c.slug == "reseaux-sociaux-associations")
    if not newsletter.prerequisite_courses.exists():
        newsletter = CoursePage.objects.get(pk=newsletter.pk)
        newsletter.prerequisite_courses = [social]
        newsletter.save_revision().publish()

    _load_path(context, index, courses)

    home = HomePage.objects.get(pk=home.pk)
    changed = False
    if not home.featured_courses.exists():
        home.featured_courses = [
            HomeFeaturedCourse(course=course, sort_order=i) for i, course in enumerate(courses[:3])
        ]
        changed = True
    if not home.hero_cta_page_id:
        # The hero's call to action (an editor field of the home page): the catalogue.
        home.hero_cta_label = "Découvrir les formations gratuites"
        home.hero_cta_page = index
        changed = True
    if changed:
        home.save_revision().publish()
        context.home = home

    site = Site.objects.get(root_page=home)
    navigation = NavigationSettings.for_site(site)
    links = list(navigation.primary_links.raw_data)
    if not any(link.get("value", {}).get("page") == index.pk for link in links):
        position = max(len(links) - 1, 0)
        navigation.primary_links.insert(position, ("link", {"page": index, "label": "", "url": ""}))
        navigation.save()

    # Demo learners: their progress is created now if the accounts exist, or right after the loader
    # creates them (the development accounts are made after every app's demo has loaded).
    for email, first_name, last_name in LEARNERS:
        context.extra_dev_users.append((email, first_name, last_name, {}, []))
    User = get_user_model()
    for user in User.objects.filter(email__in=[email for email, _f, _l in LEARNERS]):
        create_learner_progress(user)
    post_save.connect(_on_user_created, sender=User, dispatch_uid="courses_demo_learners", weak=False)
