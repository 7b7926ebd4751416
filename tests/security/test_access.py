"""Who may see what: the access matrix of the private URLs, and pages that must not leak.

Seven visitors — anonymous, learner A, learner B, editor ("Rédaction"), moderator ("Modération"),
trainer ("Formateurs": the courses and their reports only), administrator (superuser) — against every
private URL. Each cell is the exact answer expected:

- ``200``: the page;
- ``LOGIN``: 302 to a log-in page (the site's for the learner pages, the admin's for the admin);
- ``ADMIN_HOME``: 302 to the admin's dashboard, Wagtail's answer to a missing permission;
- ``CATALOGUE``: 302 to the course catalogue in the page explorer (a trainer's part of the page tree);
- ``403`` / ``404``.

Then unpublished, scheduled (``go_live_at`` in the future) and draft content never leaks: not by URL,
search, sitemap, news feeds, listings or a course's syllabus.
"""

import contextlib
import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from .conftest import build_small_site, ensure_home_page, get_model_or_none

pytestmark = pytest.mark.django_db

LOGIN = "302 → log-in"
ADMIN_HOME = "302 → admin home"
CATALOGUE = "302 → the course catalogue in the explorer"
RESET_PAGE = "302 → the site's password reset"
ROLES = ["anonymous", "learner_a", "learner_b", "editor", "moderator", "trainer", "admin"]
EDITOR_GROUP = "Rédaction"
MODERATOR_GROUP = "Modération"
TRAINER_GROUP = "Formateurs"
SECRET = "Zanzibar"  # in the title of every page that must not be seen


@dataclass
class World:
    site: object
    users: dict = field(default_factory=dict)
    certificate: object = None
    attempt: object = None
    open_attempt: object = None
    signature: object = None
    draft: object = None
    scheduled: object = None
    hidden: list = field(default_factory=list)  # pages nobody may see on the public site


def _add_to_group(user, name):
    group = Group.objects.filter(name=name).first()
    if group is None:
        pytest.fail(f'group "{name}" missing (home/migrations/0002_editor_groups_and_workflow.py)')
    user.groups.add(group)
    return user


def schedule(page, days=3):
    """Publish ``page`` (never live yet) with ``go_live_at`` in the future: Wagtail keeps it offline."""
    page.go_live_at = timezone.now() + datetime.timedelta(days=days)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    return page


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    """Built once for the module (about 1 s), in a transaction rolled back at its end; each test runs in
    a savepoint of its own on top of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(_world, db):
    return _world


def build_world():
    from tests.factories.accounts import UserFactory

    site = build_small_site(ensure_home_page())
    world = World(site=site)
    world.users = {
        "anonymous": None,
        "learner_a": UserFactory(email="apprenante.a@example.org", first_name="Alice", last_name="Apprenante"),
        "learner_b": UserFactory(email="apprenant.b@example.org", first_name="Bruno", last_name="Apprenant"),
        "editor": _add_to_group(UserFactory(email="redaction@example.org"), EDITOR_GROUP),
        "moderator": _add_to_group(UserFactory(email="moderation@example.org"), MODERATOR_GROUP),
        "trainer": _add_to_group(UserFactory(email="formation@example.org"), TRAINER_GROUP),
        "admin": UserFactory(email="admin@example.org", is_superuser=True, is_staff=True),
    }
    learner_a = world.users["learner_a"]
    if site.course is not None:
        from tests.factories.courses import (
            CertificateFactory,
            CoursePageFactory,
            EnrollmentFactory,
            LessonPageFactory,
            QuizAttemptFactory,
        )

        enrollment = EnrollmentFactory(user=learner_a, course=site.course, completed_at=timezone.now())
        world.certificate = CertificateFactory(enrollment=enrollment)
        world.attempt = QuizAttemptFactory(user=learner_a, quiz=site.quiz)
        world.open_attempt = QuizAttemptFactory(
            user=learner_a, quiz=site.quiz, submitted_at=None, score=None, passed=None
        )
        # A lesson saved as a draft, never published (it has a revision, as when an editor saves).
        world.draft = LessonPageFactory(parent=site.course, title=f"Leçon brouillon {SECRET}", live=False)
        world.draft.save_revision()
        world.hidden.append(world.draft)
        world.hidden.append(
            schedule(LessonPageFactory(parent=site.course, title=f"Leçon programmée {SECRET}", live=False))
        )
        world.hidden.append(
            schedule(CoursePageFactory(parent=site.course_index, title=f"Formation programmée {SECRET}", live=False))
        )
        world.hidden.append(
            CoursePageFactory(parent=site.course_index, title=f"Formation dépubliée {SECRET}", live=False)
        )
    if site.news_index is not None:
        from tests.factories.news import NewsPageFactory

        world.scheduled = schedule(
            NewsPageFactory(
                parent=site.news_index,
                title=f"Annonce programmée {SECRET}",
                category=site.category,
                tags=["bénévolat"],
                live=False,
                publish=False,
            )
        )
        world.hidden.append(world.scheduled)
        world.hidden.append(
            NewsPageFactory(
                parent=site.news_index,
                title=f"Actualité brouillon {SECRET}",
                category=site.category,
                tags=["bénévolat"],
                live=False,
                publish=False,
            )
        )
    if site.manifesto is not None:
        from tests.factories.manifesto import SignatureFactory

        world.signature = SignatureFactory(manifesto=site.manifesto, email=learner_a.email, confirmed=True)
    return world


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def outcome(response, world=None):
    """The answer as a matrix cell: the status, or where a 302 leads."""
    if response.status_code == 302:
        location = response["Location"]
        if "/login/" in location:
            return LOGIN
        if location.rstrip("/").endswith("/admin"):
            return ADMIN_HOME
        if location == reverse("account_reset_password"):
            return RESET_PAGE
        catalogue = world and world.site.course_index
        if catalogue and location == reverse("wagtailadmin_explore", args=[catalogue.pk]):
            return CATALOGUE
        return f"302 → {location}"
    return response.status_code


# --- the matrix ------------------------------------------------------------------------------------


def _need(value, what):
    if value is None:
        pytest.fail(f"{what} does not exist yet")
    return value


def _snippet_url(world, view, *args):
    _need(get_model_or_none("manifesto.Signature"), "the Signature model")
    return reverse(f"wagtailsnippets_manifesto_signature:{view}", args=args)


def _report(name, *args):
    try:
        return reverse(f"courses_reports:{name}", args=args)
    except NoReverseMatch:  # also when the namespace is not registered yet
        pytest.fail(f"course report {name!r} does not exist yet")


def _cert(world):
    return _need(world.certificate, "a certificate").code


def _attempt_url(world, route, *args, submitted=True):
    attempt = _need(world.attempt if submitted else world.open_attempt, "a quiz attempt")
    quiz = world.site.quiz
    return quiz.url + quiz.reverse_subpage(route, args=(attempt.pk, *args))


def _first_hidden(world, model):
    return next((page for page in world.hidden if isinstance(page, model)), None)


def _draft_pk(world):
    return _need(world.draft, "a draft").pk


def _scheduled_course(world):
    return _need(_first_hidden(world, get_model_or_none("courses.CoursePage")), "a scheduled course")


URLS = {
    # learner and account pages
    "learner dashboard": lambda w: reverse("courses:dashboard"),
    "profile": lambda w: reverse("account_profile"),
    "personal data export": lambda w: reverse("account_export"),
    "account deletion": lambda w: reverse("account_delete"),
    "password change": lambda w: reverse("account_change_password"),
    "certificate page of learner A": lambda w: reverse("courses:certificate", args=[_cert(w)]),
    "certificate PDF of learner A": lambda w: reverse("courses:certificate_pdf", args=[_cert(w)]),
    "public verification of A's certificate": lambda w: reverse("courses:certificate_verify", args=[_cert(w)]),
    "quiz result of learner A": lambda w: _attempt_url(w, "quiz_result"),
    "open quiz attempt of learner A: review": lambda w: _attempt_url(w, "quiz_review", submitted=False),
    "open quiz attempt of learner A: question": lambda w: _attempt_url(w, "quiz_question", 1, submitted=False),
    # drafts and scheduled pages on the public site
    "draft lesson's public URL": lambda w: _need(w.draft, "a draft lesson").url,
    "scheduled article's public URL": lambda w: _need(w.scheduled, "a scheduled article").url,
    "scheduled course's public URL": lambda w: _scheduled_course(w).url,
    # the Wagtail admin
    "admin home": lambda w: reverse("wagtailadmin_home"),
    "admin page explorer": lambda w: reverse("wagtailadmin_explore_root"),
    "admin edit of a draft page": lambda w: reverse("wagtailadmin_pages:edit", args=[_draft_pk(w)]),
    "admin view of a draft": lambda w: reverse("wagtailadmin_pages:view_draft", args=[_draft_pk(w)]),
    "admin preview of a draft": lambda w: reverse("wagtailadmin_pages:preview_on_edit", args=[_draft_pk(w)]),
    "admin view of a draft's revision": lambda w: reverse(
        "wagtailadmin_pages:revisions_view", args=[_draft_pk(w), w.draft.latest_revision_id]
    ),
    "admin view of a scheduled article": lambda w: reverse(
        "wagtailadmin_pages:view_draft", args=[_need(w.scheduled, "a scheduled article").pk]
    ),
    "admin edit of a scheduled article": lambda w: reverse(
        "wagtailadmin_pages:edit", args=[_need(w.scheduled, "a scheduled article").pk]
    ),
    "admin user list": lambda w: reverse("wagtailusers_users:index"),
    # the admin's own log-in, log-out, password reset and account page: the site's (allauth) rules
    "admin log-in": lambda w: "/admin/login/?next=/admin/pages/",
    "Wagtail's front-end log-in": lambda w: "/_util/login/",
    "admin log-out": lambda w: "/admin/logout/",
    "admin password reset": lambda w: "/admin/password_reset/",
    "admin password reset: sent": lambda w: "/admin/password_reset/done/",
    "admin password reset: link": lambda w: "/admin/password_reset/confirm/MQ/set-password/",
    "admin account page": lambda w: reverse("wagtailadmin_account"),
    # manifesto signatures (personal data of signatories)
    "signature list": lambda w: _snippet_url(w, "list"),
    "signature export (CSV)": lambda w: _snippet_url(w, "list") + "?export=csv",
    "signature export (XLSX)": lambda w: _snippet_url(w, "list") + "?export=xlsx",
    "signature of learner A in the admin": lambda w: _snippet_url(w, "edit", _need(w.signature, "a signature").pk),
    # course reports (learners' progress and results)
    "course report": lambda w: _report("courses"),
    "course report export": lambda w: _report("courses") + "?export=csv",
    "learners of a course": lambda w: _report("course_learners", w.site.course.pk),
    "learners of a course export": lambda w: _report("course_learners", w.site.course.pk) + "?export=xlsx",
    "quiz report": lambda w: _report("quizzes"),
    "questions of a quiz export": lambda w: _report("quiz_questions", w.site.quiz.pk) + "?export=csv",
}

# Someone else's certificate or quiz attempt is a 404 (not a 403): it does not tell that the code exists.
# Wagtail answers a missing admin permission with a redirect to the admin home (HOME); the course
# reports answer a real 403. Trainers edit pages under the course catalogue only (the draft below is a
# lesson; the scheduled article is not theirs).
HOME = ADMIN_HOME
CAT = CATALOGUE
# The admin's password reset is the site's (allauth's, with its limits); its log-out is allauth's too,
# which asks a member to confirm (a GET never logs out) and sends an anonymous visitor home.
RESET = RESET_PAGE
OUT = "302 → /"
# fmt: off
EXPECTED = {  #                               anonymous  learner A  learner B  editor  moderator  trainer  admin
    "learner dashboard":                         (LOGIN,     200,       200,       200,    200,       200,     200),
    "profile":                                   (LOGIN,     200,       200,       200,    200,       200,     200),
    "personal data export":                      (LOGIN,     200,       200,       200,    200,       200,     200),
    "account deletion":                          (LOGIN,     200,       200,       200,    200,       200,     200),
    "password change":                           (LOGIN,     200,       200,       200,    200,       200,     200),
    "certificate page of learner A":             (LOGIN,     200,       404,       404,    404,       404,     404),
    "certificate PDF of learner A":              (LOGIN,     200,       404,       404,    404,       404,     404),
    "public verification of A's certificate":    (200,       200,       200,       200,    200,       200,     200),
    "quiz result of learner A":                  (LOGIN,     200,       404,       404,    404,       404,     404),
    "open quiz attempt of learner A: review":    (LOGIN,     200,       404,       404,    404,       404,     404),
    "open quiz attempt of learner A: question":  (LOGIN,     200,       404,       404,    404,       404,     404),
    "draft lesson's public URL":                 (404,       404,       404,       404,    404,       404,     404),
    "scheduled article's public URL":            (404,       404,       404,       404,    404,       404,     404),
    "scheduled course's public URL":             (404,       404,       404,       404,    404,       404,     404),
    "admin home":                                (LOGIN,     LOGIN,     LOGIN,     200,    200,       200,     200),
    "admin page explorer":                       (LOGIN,     LOGIN,     LOGIN,     200,    200,       CAT,     200),
    "admin edit of a draft page":                (LOGIN,     LOGIN,     LOGIN,     200,    200,       200,     200),
    "admin view of a draft":                     (LOGIN,     LOGIN,     LOGIN,     200,    200,       200,     200),
    "admin preview of a draft":                  (LOGIN,     LOGIN,     LOGIN,     200,    200,       200,     200),
    "admin view of a draft's revision":          (LOGIN,     LOGIN,     LOGIN,     200,    200,       200,     200),
    "admin view of a scheduled article":         (LOGIN,     LOGIN,     LOGIN,     200,    200,       HOME,    200),
    "admin edit of a scheduled article":         (LOGIN,     LOGIN,     LOGIN,     200,    200,       HOME,    200),
    "admin user list":                           (LOGIN,     LOGIN,     LOGIN,     HOME,   HOME,      HOME,    200),
    "admin log-in":                              (LOGIN,     LOGIN,     LOGIN,     LOGIN,  LOGIN,     LOGIN,   LOGIN),
    "Wagtail's front-end log-in":                (LOGIN,     LOGIN,     LOGIN,     LOGIN,  LOGIN,     LOGIN,   LOGIN),
    "admin log-out":                             (OUT,       200,       200,       200,    200,       200,     200),
    "admin password reset":                      (RESET,     RESET,     RESET,     RESET,  RESET,     RESET,   RESET),
    "admin password reset: sent":                (RESET,     RESET,     RESET,     RESET,  RESET,     RESET,   RESET),
    "admin password reset: link":                (RESET,     RESET,     RESET,     RESET,  RESET,     RESET,   RESET),
    "admin account page":                        (LOGIN,     LOGIN,     LOGIN,     200,    200,       200,     200),
    "signature list":                            (LOGIN,     LOGIN,     LOGIN,     HOME,   200,       HOME,    200),
    "signature export (CSV)":                    (LOGIN,     LOGIN,     LOGIN,     HOME,   200,       HOME,    200),
    "signature export (XLSX)":                   (LOGIN,     LOGIN,     LOGIN,     HOME,   200,       HOME,    200),
    "signature of learner A in the admin":       (LOGIN,     LOGIN,     LOGIN,     HOME,   200,       HOME,    200),
    "course report":                             (LOGIN,     LOGIN,     LOGIN,     403,    200,       200,     200),
    "course report export":                      (LOGIN,     LOGIN,     LOGIN,     403,    200,       200,     200),
    "learners of a course":                      (LOGIN,     LOGIN,     LOGIN,     403,    200,       200,     200),
    "learners of a course export":               (LOGIN,     LOGIN,     LOGIN,     403,    200,       200,     200),
    "quiz report":                               (LOGIN,     LOGIN,     LOGIN,     403,    200,       200,     200),
    "questions of a quiz export":                (LOGIN,     LOGIN,     LOGIN,     403,    200,       200,     200),
}
# fmt: on


def test_every_private_url_has_a_row_in_the_matrix():
    assert set(URLS) == set(EXPECTED)


@pytest.mark.parametrize("row", list(EXPECTED))
def test_access_matrix_gives_each_visitor_exactly_the_expected_answer(world, row):
    if world.site.course is None and any(
        word in row for word in ("certificate", "quiz", "course", "lesson", "learner")
    ):
        pytest.fail("no courses yet")
    url = URLS[row](world)
    expected = dict(zip(ROLES, EXPECTED[row], strict=True))
    actual = {role: outcome(client_for(world.users[role]).get(url), world) for role in ROLES}
    assert actual == expected, f"{row} ({url})"


def test_learner_b_never_sees_learner_as_records(world):
    """Beyond status codes: B's own pages hold nothing of A's (certificate code, course, attempts, signature)."""
    _need(world.certificate, "a certificate")
    client = client_for(world.users["learner_b"])
    dashboard = client.get(reverse("courses:dashboard")).content.decode()
    export = client.get(reverse("account_export")).content.decode()
    for text in (dashboard, export):
        assert world.certificate.code not in text
        assert "apprenante.a@example.org" not in text
        assert "Alice" not in text
    # A's own export does hold them: the check above can fail.
    own = client_for(world.users["learner_a"]).get(reverse("account_export")).content.decode()
    assert world.certificate.code in own
    assert "apprenante.a@example.org" in own


def test_public_verification_shows_the_name_course_and_date_only(world):
    _need(world.certificate, "a certificate")
    html = Client().get(reverse("courses:certificate_verify", args=[world.certificate.code])).content.decode()
    assert world.certificate.course_title in html
    assert "apprenante.a@example.org" not in html
    assert reverse("courses:certificate_pdf", args=[world.certificate.code]) not in html


def test_an_editor_cannot_publish_but_a_moderator_can(world):
    """The groups' page permissions, as the migration grants them ("Rédaction" submits, "Modération" publishes)."""
    draft = _need(world.draft, "a draft")
    for role, can_publish in (("editor", False), ("moderator", True), ("admin", True)):
        permissions = draft.permissions_for_user(world.users[role])
        assert permissions.can_edit()
        assert permissions.can_publish() is can_publish, role
    for role in ("anonymous", "learner_a"):
        user = world.users[role]
        if user is not None:
            assert not draft.permissions_for_user(user).can_edit()


def test_a_trainer_edits_the_courses_only_and_cannot_publish(world):
    """Trainers ("Formateurs") add and edit pages under the course catalogue (submitted for moderation) only."""
    draft = _need(world.draft, "a draft lesson")
    trainer = world.users["trainer"]
    for page in (draft, world.site.course, world.site.course_index):
        permissions = page.permissions_for_user(trainer)
        assert permissions.can_edit(), page.title
        assert not permissions.can_publish(), page.title
    assert world.site.course_index.permissions_for_user(trainer).can_add_subpage()
    for page in (world.site.home, world.site.news_index, world.site.article, world.site.manifesto):
        if page is not None:
            permissions = page.permissions_for_user(trainer)
            assert not permissions.can_edit(), page.title
            assert not permissions.can_add_subpage(), page.title


def test_the_migration_gives_trainers_an_existing_catalogue(world):
    """A site whose catalogue existed before the permissions were granted on creation gets them too."""
    import importlib

    from django.apps import apps
    from wagtail.models import GroupPagePermission

    migration = importlib.import_module("courses.migrations.0004_trainers_edit_the_course_catalogue")
    catalogue = _need(world.site.course_index, "a course catalogue")
    granted = GroupPagePermission.objects.filter(group__name=TRAINER_GROUP, page=catalogue)
    assert granted.count() == 2
    migration.revoke(apps, None)
    assert not granted.exists()
    trainer = type(world.users["trainer"]).objects.get(pk=world.users["trainer"].pk)  # no cached permissions
    assert not world.site.course.permissions_for_user(trainer).can_edit()
    migration.grant(apps, None)
    assert sorted(granted.values_list("permission__codename", flat=True)) == ["add_page", "change_page"]


# --- unpublished, scheduled and draft content never leaks ------------------------------------------


def _titles(world):
    if not world.hidden:
        pytest.fail("no feature app with pages yet")
    return [page.title for page in world.hidden]


def assert_no_secret(text, where):
    assert SECRET not in text, f"an unpublished or scheduled page leaks in {where}"


def test_hidden_pages_are_404_by_url_for_everyone_even_staff(world):
    _titles(world)
    for page in world.hidden:
        url = page.url
        assert url, page
        for role in ROLES:
            assert client_for(world.users[role]).get(url).status_code == 404, (page.title, role)
        assert Client().get("/en" + url).status_code == 404


def test_learners_cannot_act_on_hidden_steps(world):
    """Marking a draft or scheduled lesson done, or starting a hidden quiz, is a 404 that records nothing."""
    if world.site.course is None:
        pytest.fail("no courses yet")
    from courses.models import LessonCompletion, LessonPage, QuizAttempt

    client = client_for(world.users["learner_b"])
    lessons = [page for page in world.hidden if isinstance(page, LessonPage)]
    assert lessons
    for lesson in lessons:
        assert client.post(lesson.url + "terminer/").status_code == 404
    assert not LessonCompletion.objects.filter(user=world.users["learner_b"]).exists()
    # A live lesson, for comparison: the same request is recorded.
    assert client.post(world.site.lesson.url + "terminer/").status_code == 302
    assert LessonCompletion.objects.filter(user=world.users["learner_b"]).count() == 1
    assert not QuizAttempt.objects.filter(user=world.users["learner_b"]).exists()


def test_hidden_pages_never_appear_in_search(world, client):
    _titles(world)
    from wagtail.models import Page

    from home.models import StandardPage

    visible = StandardPage(title=f"Voyage à {SECRET}", slug="voyage")
    type(world.site.home).objects.get(pk=world.site.home.pk).add_child(instance=visible)
    visible.save_revision().publish()
    for page in Page.objects.all():
        page.specific.save()  # make sure every page is in the search index, hidden ones included
    html = client.get("/recherche/", {"q": SECRET}).content.decode()
    assert visible.title in html, "search does not find a live page: the check below proves nothing"
    for title in _titles(world):
        assert title not in html, f"{title!r} leaks in search"


def test_hidden_pages_never_appear_in_the_sitemap(world, client):
    titles = _titles(world)
    assert titles
    xml = client.get("/sitemap.xml").content.decode()
    live = world.site.article or world.site.course
    assert f"{live.url}</loc>" in xml, "the sitemap lists no live page: the check below proves nothing"
    for page in world.hidden:
        assert f"{page.url}</loc>" not in xml, f"{page.title!r} leaks in the sitemap"


def _feed_urls(world):
    index = world.site.news_index
    urls = []
    for name, args in (
        ("feed", ()),
        ("feed_atom", ()),
        ("category_feed", (world.site.category.slug,)),
        ("category_feed_atom", (world.site.category.slug,)),
    ):
        with contextlib.suppress(NoReverseMatch):  # a route not there (yet)
            urls.append(index.url + index.reverse_subpage(name, args=args))
    return urls


def test_hidden_articles_never_appear_in_news_feeds_listings_or_the_home_page(world, client):
    if world.site.news_index is None:
        pytest.fail("no news app yet")
    feeds = _feed_urls(world)
    assert feeds, "no news feed route"
    for url in [
        *feeds,
        world.site.news_index.url,
        world.site.news_index.url + f"?categorie={world.site.category.slug}",
        "/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        if url in feeds or url == world.site.news_index.url:
            assert world.site.article.title in text, f"{url} lists no live article: the check proves nothing"
        assert_no_secret(text, url)


def test_hidden_steps_and_courses_never_appear_in_the_syllabus_or_catalogue(world):
    if world.site.course is None:
        pytest.fail("no courses yet")
    learner = world.users["learner_a"]
    for user in (None, learner):
        client = client_for(user)
        for url in (
            world.site.course.url,
            world.site.course_index.url,
            world.site.lesson.url,
            reverse("courses:dashboard"),
        ):
            response = client.get(url)
            if user is None and url == reverse("courses:dashboard"):
                continue
            assert response.status_code == 200, url
            text = response.content.decode()
            assert_no_secret(text, url)
        syllabus = client.get(world.site.course.url).content.decode()
        assert world.site.lesson.title in syllabus, "the syllabus lists no live lesson: the check proves nothing"


def test_a_live_pages_unpublished_draft_is_not_shown_on_the_public_site(world, client):
    shared = world.site.article or world.site.lesson
    if shared is None:
        pytest.fail("no feature app with pages yet")
    page = type(shared).objects.get(pk=shared.pk)  # the module's objects stay as they are
    published_title = page.title
    page.title = draft_title = f"Nouveau titre {SECRET}"
    page.save_revision()  # saved as a draft, not published
    for url in (page.url, "/recherche/?q=" + SECRET, "/sitemap.xml", "/"):
        path, _, query = url.partition("?")
        text = client.get(path, QUERY_STRING=query).content.decode()
        assert draft_title not in text, f"an unpublished draft leaks in {url}"
    assert published_title in client.get(page.url).content.decode()


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_the_admins_log_in_and_reset_forms_give_each_member_the_sites_answer(world, role):
    """Beyond GET: each visitor's right password posted to the admin's form is the site's log-in (the
    same redirect, then the same admin access), and the admin's reset form sends nothing of its own."""
    from django.core import mail

    from tests.factories.accounts import PASSWORD

    email = world.users[role].email
    admin_door, site_door = Client(), Client(REMOTE_ADDR="192.0.2.10")

    through_admin = admin_door.post("/admin/login/", {"username": email, "password": PASSWORD})
    through_site = site_door.post(reverse("account_login"), {"login": email, "password": PASSWORD, "next": "/admin/"})
    reset = admin_door.post("/admin/password_reset/", {"email": email})

    assert outcome(through_admin, world) == outcome(through_site, world) == ADMIN_HOME
    assert outcome(admin_door.get("/admin/"), world) == outcome(site_door.get("/admin/"), world)
    assert outcome(reset, world) == RESET_PAGE
    assert mail.outbox == []
