"""The learner's quiz: attempts, one question per screen, review, server-side scoring, tampering."""

import pytest
from django.contrib.messages import get_messages
from wagtail.test.utils import WagtailPageTestCase

from courses.models import Choice, QuizAttempt, QuizPage
from courses.quiz import score
from courses.quiz_views import result_url
from tests.factories.accounts import UserFactory
from tests.factories.courses import QuizPageFactory, add_question, build_course, quiz_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(course_index):
    """A quiz of three questions, one of each kind, pass mark 60 %."""
    course = build_course(course_index, lessons=1, quizzes=0)
    quiz = QuizPageFactory(parent=course, questions=[], pass_mark=60, title="Quiz final")
    add_question(quiz, "single", [("Paris", True), ("Lyon", False), ("Nantes", False)], text="Capitale ?")
    add_question(quiz, "multiple", [("Rouge", True), ("Vert", False), ("Bleu", True)], text="Couleurs du drapeau ?")
    add_question(quiz, "true_false", [("Vrai", False), ("Faux", True)], text="La Loire est un fleuve côtier.")
    return quiz


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def questions(quiz):
    return list(quiz.questions.order_by("sort_order").prefetch_related("choices"))


def choice_ids(question, *texts):
    return [choice.pk for choice in question.choices.all() if choice.text in texts]


def start(client, quiz):
    return client.post(quiz.url + "commencer/")


def attempt_of(user, quiz):
    return QuizAttempt.objects.get(user=user, quiz=quiz, submitted_at__isnull=True)


def question_url(quiz, attempt, number):
    return f"{quiz.url}tentative/{attempt.pk}/question/{number}/"


def review_url(quiz, attempt):
    return f"{quiz.url}tentative/{attempt.pk}/recapitulatif/"


def answer_all(client, quiz, attempt, answers):
    """answers: list of choice texts per question (in the attempt's order)."""
    by_id = {q.pk: q for q in questions(quiz)}
    for number, pk in enumerate(attempt.question_order, start=1):
        question = by_id[pk]
        response = client.post(question_url(quiz, attempt, number), {"choice": choice_ids(question, *answers[pk])})
        assert response.status_code == 302, response.content.decode()[:500]


def take_quiz(client, user, quiz, right=("single", "multiple", "true_false")):
    """Start, answer (right for the kinds in ``right``, wrong otherwise), submit; returns the attempt."""
    start(client, quiz)
    attempt = attempt_of(user, quiz)
    answers = {}
    for question in questions(quiz):
        correct = [c.text for c in question.choices.all() if c.is_correct]
        wrong = [c.text for c in question.choices.all() if not c.is_correct][:1]
        answers[question.pk] = correct if question.kind in right else wrong
    answer_all(client, quiz, attempt, answers)
    response = client.post(review_url(quiz, attempt))
    assert response.status_code == 302
    attempt.refresh_from_db()
    return attempt


# --- Scoring -------------------------------------------------------------------------------------


def test_single_choice_is_right_only_with_the_correct_choice(quiz):
    single = questions(quiz)[0]
    assert score([single], {str(single.pk): choice_ids(single, "Paris")}) == (100, [single.pk])
    assert score([single], {str(single.pk): choice_ids(single, "Lyon")}) == (0, [])


def test_multiple_choice_needs_exactly_the_set_of_correct_choices(quiz):
    multiple = questions(quiz)[1]
    key = str(multiple.pk)
    assert score([multiple], {key: choice_ids(multiple, "Rouge", "Bleu")})[0] == 100
    assert score([multiple], {key: choice_ids(multiple, "Rouge")})[0] == 0  # incomplete
    assert score([multiple], {key: choice_ids(multiple, "Rouge", "Bleu", "Vert")})[0] == 0  # one too many


def test_true_false_question_is_scored(quiz):
    true_false = questions(quiz)[2]
    assert score([true_false], {str(true_false.pk): choice_ids(true_false, "Faux")})[0] == 100
    assert score([true_false], {str(true_false.pk): choice_ids(true_false, "Vrai")})[0] == 0


def test_unanswered_questions_count_as_wrong_and_score_is_rounded_down(quiz):
    all_questions = questions(quiz)
    first = all_questions[0]
    percent, right = score(all_questions, {str(first.pk): choice_ids(first, "Paris")})
    assert (percent, right) == (33, [first.pk])


@pytest.mark.parametrize(("pass_mark", "passed"), [(66, True), (67, False)])
def test_pass_mark_boundary_two_right_out_of_three(client, learner, quiz, pass_mark, passed):
    QuizPage.objects.filter(pk=quiz.pk).update(pass_mark=pass_mark)
    quiz.refresh_from_db()
    attempt = take_quiz(client, learner, quiz, right=("single", "multiple"))
    assert attempt.score == 66
    assert attempt.passed is passed


def test_score_equal_to_pass_mark_passes(client, learner, quiz):
    QuizPage.objects.filter(pk=quiz.pk).update(pass_mark=100)
    quiz.refresh_from_db()
    attempt = take_quiz(client, learner, quiz)
    assert (attempt.score, attempt.passed) == (100, True)


# --- The flow ------------------------------------------------------------------------------------


def test_visitor_is_invited_to_log_in_with_next(client, quiz):
    html = client.get(quiz.url).content.decode()
    assert f"/comptes/login/?next={quiz.url.replace('/', '%2F')}" in html
    assert "/comptes/signup/?next=" in html
    response = start(client, quiz)
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"] and "next=" in response["Location"]
    assert not QuizAttempt.objects.exists()


def test_start_needs_a_post(client, learner, quiz):
    assert client.get(quiz.url + "commencer/").status_code == 405
    assert not QuizAttempt.objects.exists()


def test_one_question_per_screen_with_fieldset_and_no_correct_answers(client, learner, quiz):
    response = start(client, quiz)
    attempt = attempt_of(learner, quiz)
    assert response["Location"] == question_url(quiz, attempt, 1)
    for number in (1, 2, 3):
        html = client.get(question_url(quiz, attempt, number)).content.decode()
        assert "<fieldset" in html and "<legend" in html
        assert html.count('name="choice"') in (2, 3)
        assert "is_correct" not in html and "is-correct" not in html
        assert "Parce que." not in html  # explanations stay on the server
    html = client.get(question_url(quiz, attempt, 2)).content.decode()
    assert 'type="checkbox"' in html
    assert html.count("<legend") == 1


def test_each_answer_is_saved_and_leaving_resumes_the_same_attempt(client, learner, quiz):
    start(client, quiz)
    attempt = attempt_of(learner, quiz)
    first = next(q for q in questions(quiz) if q.pk == attempt.question_order[0])
    response = client.post(question_url(quiz, attempt, 1), {"choice": [first.choices.first().pk]})
    assert response["Location"] == question_url(quiz, attempt, 2)
    attempt.refresh_from_db()
    assert attempt.answers == {str(first.pk): [first.choices.first().pk]}

    # Later: the quiz page offers to resume, and starting again resumes the same attempt at question 2.
    html = client.get(quiz.url).content.decode()
    assert question_url(quiz, attempt, 2) in html
    response = start(client, quiz)
    assert response["Location"] == question_url(quiz, attempt, 2)
    assert QuizAttempt.objects.filter(user=learner, quiz=quiz).count() == 1
    html = client.get(question_url(quiz, attempt, 1)).content.decode()
    assert f'value="{first.choices.first().pk}" checked' in html


def test_review_lists_answers_before_the_final_submit(client, learner, quiz):
    start(client, quiz)
    attempt = attempt_of(learner, quiz)
    first = next(q for q in questions(quiz) if q.pk == attempt.question_order[0])
    client.post(question_url(quiz, attempt, 1), {"choice": [first.choices.first().pk]})
    html = client.get(review_url(quiz, attempt)).content.decode()
    assert first.choices.first().text in html
    assert "2 questions" in html  # two questions without an answer, announced
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_result_shows_score_explanations_and_feedback_to_screen_readers(client, learner, quiz):
    Choice.objects.filter(text="Lyon").update(feedback="Lyon est la capitale des Gaules.")
    start(client, quiz)
    attempt = attempt_of(learner, quiz)
    by_id = {q.pk: q for q in questions(quiz)}
    answers = {q.pk: [c.text for c in q.choices.all() if c.is_correct] for q in by_id.values()}
    single = next(q for q in by_id.values() if q.kind == "single")
    answers[single.pk] = ["Lyon"]
    answer_all(client, quiz, attempt, answers)
    response = client.post(review_url(quiz, attempt), follow=True)
    html = response.content.decode()
    assert 'role="status"' in html
    assert "66 %" in html
    assert "Parce que." in html  # explanation
    assert "Lyon est la capitale des Gaules." in html  # feedback of the picked choice


def test_result_hides_answers_when_the_quiz_does_not_show_them(client, learner, quiz):
    QuizPage.objects.filter(pk=quiz.pk).update(show_answers=False)
    quiz.refresh_from_db()
    attempt = take_quiz(client, learner, quiz)
    html = client.get(f"{quiz.url}tentative/{attempt.pk}/resultat/").content.decode()
    assert "100 %" in html
    assert "Parce que." not in html


def test_attempt_limit_is_enforced_on_the_server(client, learner, quiz):
    QuizPage.objects.filter(pk=quiz.pk).update(max_attempts=2)
    quiz.refresh_from_db()
    take_quiz(client, learner, quiz, right=())
    take_quiz(client, learner, quiz, right=())
    response = start(client, quiz)
    assert response.status_code == 403
    assert "tentatives" in response.content.decode() or "attempts" in response.content.decode()
    assert QuizAttempt.objects.filter(user=learner, quiz=quiz).count() == 2
    assert "Try again" not in client.get(quiz.url).content.decode()


def test_unlimited_attempts_and_best_attempt_counts(client, learner, quiz):
    take_quiz(client, learner, quiz)
    take_quiz(client, learner, quiz, right=())
    take_quiz(client, learner, quiz, right=())
    assert QuizAttempt.objects.filter(user=learner, quiz=quiz, submitted_at__isnull=False).count() == 3
    html = client.get(quiz.course_url if hasattr(quiz, "course_url") else quiz.get_parent().url).content.decode()
    assert "syllabus__step--passed" in html


def test_shuffled_order_is_stored_and_stable_within_an_attempt(client, learner, quiz):
    QuizPage.objects.filter(pk=quiz.pk).update(shuffle_questions=True)
    quiz.refresh_from_db()
    start(client, quiz)
    attempt = attempt_of(learner, quiz)
    assert sorted(attempt.question_order) == sorted(q.pk for q in questions(quiz))
    texts = {q.pk: q.text for q in questions(quiz)}
    first_text = texts[attempt.question_order[0]]
    for _ in range(3):
        assert first_text in client.get(question_url(quiz, attempt, 1)).content.decode()


# --- Tampering -----------------------------------------------------------------------------------


def test_unknown_choice_is_refused_with_a_clear_error_and_nothing_saved(client, learner, quiz):
    start(client, quiz)
    attempt = attempt_of(learner, quiz)
    for bad in (["999999"], ["abc"], [""], []):
        response = client.post(question_url(quiz, attempt, 1), {"choice": bad})
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_choice_of_another_quiz_or_question_is_refused(client, learner, quiz, course_index):
    other = QuizPageFactory(parent=build_course(course_index, lessons=0, quizzes=0))
    foreign = Choice.objects.filter(question__quiz=other).first()
    start(client, quiz)
    attempt = attempt_of(learner, quiz)
    response = client.post(question_url(quiz, attempt, 1), {"choice": [foreign.pk]})
    assert response.status_code == 400
    second = next(q for q in questions(quiz) if q.pk == attempt.question_order[1])
    response = client.post(question_url(quiz, attempt, 1), {"choice": [second.choices.first().pk]})
    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_several_choices_on_a_single_choice_question_are_refused(client, learner, quiz):
    start(client, quiz)
    attempt = attempt_of(learner, quiz)
    by_id = {q.pk: q for q in questions(quiz)}
    number, single = next(
        (n, by_id[pk]) for n, pk in enumerate(attempt.question_order, start=1) if by_id[pk].kind == "single"
    )
    response = client.post(question_url(quiz, attempt, number), {"choice": [c.pk for c in single.choices.all()]})
    assert response.status_code == 400
    assert "une seule" in response.content.decode() or "only one" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_replayed_final_submit_changes_nothing(client, learner, quiz):
    attempt = take_quiz(client, learner, quiz)
    before = (attempt.score, attempt.passed, attempt.submitted_at)
    response = client.post(review_url(quiz, attempt))
    assert response.status_code == 302
    assert response["Location"].endswith(f"tentative/{attempt.pk}/resultat/")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages and ("déjà" in messages[0] or "already" in messages[0])
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed, attempt.submitted_at) == before
    assert QuizAttempt.objects.filter(user=learner, quiz=quiz).count() == 1
    # An answer posted to the submitted attempt is not saved either.
    client.post(question_url(quiz, attempt, 1), {"choice": []})
    attempt.refresh_from_db()
    assert (attempt.score, attempt.submitted_at) == before[::2]


def test_someone_elses_attempt_is_a_clear_404_and_changes_nothing(client, quiz):
    owner = UserFactory()
    client.force_login(owner)
    start(client, quiz)
    attempt = attempt_of(owner, quiz)
    intruder = UserFactory()
    client.force_login(intruder)
    first = next(q for q in questions(quiz) if q.pk == attempt.question_order[0])
    assert client.get(question_url(quiz, attempt, 1)).status_code == 404
    response = client.post(question_url(quiz, attempt, 1), {"choice": [first.choices.first().pk]})
    assert response.status_code == 404
    assert client.post(review_url(quiz, attempt)).status_code == 404
    assert client.get(f"{quiz.url}tentative/{attempt.pk}/resultat/").status_code == 404
    attempt.refresh_from_db()
    assert attempt.answers == {} and attempt.submitted_at is None


def test_odd_inputs_never_give_a_server_error(client, learner, quiz):
    start(client, quiz)
    attempt = attempt_of(learner, quiz)
    for url in (
        question_url(quiz, attempt, 0),
        question_url(quiz, attempt, 99),
        f"{quiz.url}tentative/999999/question/1/",
        f"{quiz.url}tentative/999999/recapitulatif/",
        f"{quiz.url}tentative/{attempt.pk}/resultat/",
    ):
        assert client.get(url).status_code < 500
        assert client.post(url, {"choice": ["x"], "action": "nonsense"}).status_code < 500


def test_quiz_submission_is_rate_limited(client, learner, quiz, settings):
    settings.COURSES_QUIZ_SUBMIT_RATE = "1/m"
    take_quiz(client, learner, quiz)
    start(client, quiz)
    attempt = attempt_of(learner, quiz)
    response = client.post(review_url(quiz, attempt))
    assert response.status_code == 429
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_quiz_screens_work_in_english(client, learner, quiz):
    response = client.post("/en" + quiz.url + "commencer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/")
    html = client.get(response["Location"]).content.decode()
    assert "Save and continue" in html


# --- Preview and queries -------------------------------------------------------------------------


def test_quiz_preview_shows_the_questions_to_editors(quiz):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.is_preview = True
    request.user = UserFactory()
    from django.contrib.sessions.backends.db import SessionStore

    request.session = SessionStore()
    context = quiz.get_context(request)
    assert len(context["preview_questions"]) == 3


def test_question_and_result_screens_use_a_bounded_number_of_queries(
    client, course_index, django_assert_max_num_queries, settings, tmp_path
):
    user = UserFactory()
    client.force_login(user)
    course = build_course(course_index, lessons=12, quizzes=0)
    quiz = QuizPageFactory(parent=course, questions=[])
    for index in range(15):
        add_question(quiz, "multiple" if index % 2 else "single", [("A", True), ("B", False), ("C", index % 2 == 1)])
    start(client, quiz)
    attempt = attempt_of(user, quiz)
    client.get(question_url(quiz, attempt, 1))  # warm the caches
    with django_assert_max_num_queries(20):
        assert client.get(question_url(quiz, attempt, 5)).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(review_url(quiz, attempt)).status_code == 200
    client.post(review_url(quiz, attempt))
    with django_assert_max_num_queries(20):
        assert client.get(f"{quiz.url}tentative/{attempt.pk}/resultat/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(quiz.url).status_code == 200
    client.logout()
    with django_assert_max_num_queries(12):
        assert client.get(quiz.url).status_code == 200


@pytest.mark.django_db
class TestQuizPageRenderingAndPreview(WagtailPageTestCase):
    def setUp(self):
        from wagtail.models import Page, Site

        from home.models import HomePage
        from tests.factories.courses import CourseIndexPageFactory

        root = Page.get_first_root_node()
        home = HomePage(title="Accueil", slug="accueil", hero_title="Bienvenue")
        root.add_child(instance=home)
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        self.course = build_course(CourseIndexPageFactory(parent=home), lessons=1, quizzes=1)
        self.quiz = QuizPage.objects.child_of(self.course).get()
        self.editor = self.login()

    def test_quiz_page_renders_and_its_preview_shows_the_draft_questions(self):
        self.assertPageIsRenderable(self.quiz)
        data = quiz_form_data(
            title=self.quiz.title,
            slug=self.quiz.slug,
            questions=[
                {
                    "text": "Question du brouillon ?",
                    "kind": "single",
                    "explanation": "Explication du brouillon.",
                    "choices": [("Oui", True), ("Non", False)],
                }
            ],
        )
        self.assertPageIsPreviewable(self.quiz, post_data=data)
        from django.urls import reverse

        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.quiz.pk])
        self.client.force_login(self.editor)  # assertPageIsPreviewable logs out when it ends
        self.client.post(url, data)
        response = self.client.get(url, {"mode": ""})
        html = response.content.decode() if not response.streaming else b"".join(response.streaming_content).decode()
        assert "Question du brouillon ?" in html and "Explication du brouillon." in html


def test_a_passed_quiz_with_a_lesson_left_says_what_is_left_and_leads_to_it(client, learner, quiz):
    lesson = quiz.get_parent().get_children().live().exclude(pk=quiz.pk).first().specific
    attempt = take_quiz(client, learner, quiz)
    assert attempt.passed

    html = client.get(result_url(quiz, attempt)).content.decode()

    assert "Quiz réussi\u202f! Encore une étape avant l’attestation\u00a0:" in html
    assert f'class="button button--primary next-step__button" href="{lesson.url}"' in html
    assert f"Encore 1 étape\u00a0: {lesson.title}, {lesson.estimated_minutes}\u00a0min" in html
