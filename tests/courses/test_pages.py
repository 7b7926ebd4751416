import re

import pytest
import wagtail_factories
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CourseIndexPage, CoursePage, LessonPage, QuizPage
from home.models import HomePage
from tests.factories.courses import CourseIndexPageFactory, build_course


def list_block(items):
    """Form data of a ListBlock (what the editor's JavaScript posts)."""
    data = {"count": len(items)}
    for index, value in enumerate(items):
        data[str(index)] = {"value": value, "deleted": "", "order": str(index), "id": ""}
    return data


@pytest.mark.django_db
class TestCoursePageRules(WagtailPageTestCase):
    def setUp(self):
        root = Page.get_first_root_node()
        self.home = HomePage(title="Accueil", slug="accueil", hero_title="Bienvenue")
        root.add_child(instance=self.home)
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", port=80, root_page=self.home, is_default_site=True)
        self.index = CourseIndexPageFactory(parent=self.home)
        self.course = build_course(self.index, lessons=2, quizzes=1)
        self.login()

    def test_catalogue_lives_under_the_home_page_once_and_holds_courses_and_paths(self):
        from courses.models import LearningPathPage

        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage, LearningPathPage})
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        assert CourseIndexPage.max_count == 1

    def test_course_holds_lessons_and_quizzes_only(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage, QuizPage})

    def test_lessons_and_quizzes_live_in_a_course_and_have_no_children(self):
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedParentPageTypes(QuizPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedSubpageTypes(QuizPage, set())

    def test_every_course_page_type_renders_and_previews(self):
        lesson = self.course.get_steps()[0]
        for page in (self.index, self.course, lesson):
            self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(self.course)
        lesson_data = nested_form_data(
            {
                "title": lesson.title,
                "slug": lesson.slug,
                "estimated_minutes": 10,
                "body": streamfield([("paragraph", rich_text("<p>Brouillon de leçon</p>"))]),
            }
        )
        self.assertPageIsPreviewable(lesson, post_data=lesson_data)
        # The quiz page's own template and preview are tested with the quiz flow (tests/courses/test_quiz*).

    def test_editor_creates_a_lesson_with_lesson_blocks(self):
        self.assertCanCreate(
            self.course,
            LessonPage,
            nested_form_data(
                {
                    "title": "Choisir son outil",
                    "slug": "choisir-son-outil",
                    "estimated_minutes": 12,
                    "body": streamfield(
                        [
                            ("heading", {"text": "Les critères", "level": "h2"}),
                            ("paragraph", rich_text("<p>Prix, simplicité, hébergement.</p>")),
                            ("key_takeaways", {"title": "À retenir", "items": list_block(["Un outil simple"])}),
                            (
                                "exercise",
                                {
                                    "title": "À vous",
                                    "instructions": rich_text("<p>Comparez deux outils.</p>"),
                                    "duration_minutes": 5,
                                    "solution": rich_text(""),
                                },
                            ),
                            ("checklist", {"title": "Avant de choisir", "items": list_block(["Le prix", "Le RGPD"])}),
                            (
                                "resources",
                                {
                                    "title": "",
                                    "items": list_block(
                                        [
                                            {
                                                "label": "CNIL",
                                                "page": "",
                                                "url": "https://www.cnil.fr/",
                                                "description": "Fiches pratiques",
                                            }
                                        ]
                                    ),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        lesson = LessonPage.objects.get(slug="choisir-son-outil")
        assert [block.block_type for block in lesson.body] == [
            "heading",
            "paragraph",
            "key_takeaways",
            "exercise",
            "checklist",
            "resources",
        ]
        assert list(lesson.body[4].value["items"]) == ["Le prix", "Le RGPD"]
        assert lesson.body[5].value["items"][0].href == "https://www.cnil.fr/"

    def test_lesson_blocks_render_their_content(self):
        lesson = self.course.get_steps()[0]
        lesson.body = [
            ("key_takeaways", {"title": "", "items": ["Une lettre courte"]}),
            ("checklist", {"title": "Avant d'envoyer", "items": ["Relire l'objet"]}),
            (
                "exercise",
                {
                    "title": "Exercice",
                    "instructions": "<p>Écrivez.</p>",
                    "duration_minutes": 5,
                    "solution": "<p>Ok</p>",
                },
            ),
            (
                "resources",
                {
                    "title": "",
                    "items": [{"label": "CNIL", "page": None, "url": "https://www.cnil.fr/", "description": "Fiches"}],
                },
            ),
        ]
        lesson.save_revision().publish()
        html = self.client.get(lesson.url).content.decode()
        for text in ("Une lettre courte", "Relire l’objet", "Écrivez.", "https://www.cnil.fr/", "<details"):
            assert text in html

    def test_editor_creates_a_course_and_cannot_set_its_duration(self):
        self.assertCanCreate(
            self.index,
            CoursePage,
            nested_form_data(
                {
                    "title": "Animer une réunion",
                    "slug": "animer-une-reunion",
                    "summary": "Des réunions courtes et utiles.",
                    "level": "intermediate",
                    "duration_minutes": 999,
                    "issues_certificate": True,
                }
            )
            | {"prerequisite_courses": [str(self.course.pk)]},
        )
        course = CoursePage.objects.get(slug="animer-une-reunion")
        assert course.duration_minutes == 0
        assert course.level == "intermediate"
        draft = course.get_latest_revision_as_object()
        assert list(draft.prerequisite_courses.all()) == [self.course]

    def test_second_catalogue_cannot_be_created(self):
        assert not CourseIndexPage.can_create_at(self.home)


def test_quiz_editor_nests_choices_inside_questions():
    form_class = QuizPage.get_edit_handler().get_form_class()
    assert "questions" in form_class.formsets
    assert "choices" in form_class.formsets["questions"].form.formsets


@pytest.mark.django_db
def test_course_is_shared_with_its_cover_image_unless_a_social_image_is_chosen(client, course):
    cover = wagtail_factories.ImageFactory(file__filename="couverture.jpg")
    course.cover_image = cover
    course.save_revision().publish()

    html = client.get(course.url).content.decode()
    assert re.search(r'property="og:image" content="[^"]*/couverture\.[0-9a-f]+\.fill-1200x630[^"]*"', html)

    course.social_image = wagtail_factories.ImageFactory(file__filename="partage.jpg")
    course.save_revision().publish()
    html = client.get(course.url).content.decode()
    assert re.search(r'property="og:image" content="[^"]*/partage\.[0-9a-f]+\.fill-1200x630[^"]*"', html)


def test_the_trainer_heading_reads_the_same_for_one_woman_one_man_or_several(client, home_page):
    from courses.models import Trainer
    from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory

    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Créer sa lettre d’information")
    course.trainers.add(Trainer.objects.create(name="Sophie Marchand"))
    course.save_revision().publish()

    html = client.get(course.url).content.decode()

    assert "Formation animée par" in html
    assert "Formateur ou formatrice" not in html
    assert "Sophie Marchand" in html
