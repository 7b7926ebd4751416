"""Editors preview any page before its first save, and a course step's preview shows what learners will
get. Every page type of the site is previewed unsaved (the add form as an editor first opens it, then
with a title), on the demo content: no preview answers an error."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import querydict_from_html

from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser(email="redaction@example.org", password="x")
    client.force_login(user)
    return user


def add_form_data(client, model, parent):
    url = reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))
    response = client.get(url)
    assert response.status_code == 200, f"{model.__name__}: the add form answers {response.status_code}"
    return with_stream_counts(model, querydict_from_html(response.content.decode(), form_id="page-edit-form"))


def with_stream_counts(model, data):
    """Wagtail's StreamField widgets write their ``<name>-count`` input in the browser (JavaScript):
    an HTML-only reading of the form lacks it, so the empty streams are declared here."""
    for field in model._meta.get_fields():
        if isinstance(field, StreamField) and f"{field.name}-count" not in data:
            data[f"{field.name}-count"] = "0"
    return data


def preview(client, url, data):
    answer = client.post(url, data)
    assert answer.status_code == 200, answer.content[:500]
    shown = client.get(url)
    assert shown.status_code == 200, shown.content[:500]
    return answer.json(), shown.content.decode()


def test_every_page_type_is_previewed_before_its_first_save(client, editor, demo_content):
    from community.models import VolunteerIndexPage

    if not VolunteerIndexPage.objects.exists():  # the demo has no volunteers page yet: give profiles a parent
        demo_content.add_child(instance=VolunteerIndexPage(title="Bénévoles", slug="benevoles"))
    previewed = []
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        parents = [
            page.specific
            for page in Page.objects.type(*model.allowed_parent_page_models()).order_by("path")
            if model.can_create_at(page.specific)
        ]
        if not parents:
            # Created once only (home page, manifesto, agenda...): preview the existing one instead.
            existing = model.objects.first()
            assert existing is not None, f"{model.__name__}: neither creatable nor in the demo"
            url = reverse("wagtailadmin_pages:preview_on_edit", args=(existing.pk,))
            html = client.get(reverse("wagtailadmin_pages:edit", args=(existing.pk,))).content.decode()
            preview(client, url, with_stream_counts(model, querydict_from_html(html, form_id="page-edit-form")))
            previewed.append(model.__name__)
            continue
        parent = parents[0]
        url = reverse(
            "wagtailadmin_pages:preview_on_add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
        )
        data = add_form_data(client, model, parent)
        preview(client, url, data)  # the form as it opens: invalid, but never an error
        data["title"], data["slug"] = "Aperçu avant enregistrement", "apercu-avant-enregistrement"
        preview(client, url, data)
        previewed.append(model.__name__)
    assert {"CoursePage", "LessonPage", "QuizPage", "NewsPage", "HomePage"} <= set(previewed)


def test_a_new_lesson_preview_shows_its_step_number_and_the_step_before_it(client, editor, home_page):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Les bases du web")
    for title in ("Le nom de domaine", "L’hébergement"):
        LessonPageFactory(parent=course, title=title).save_revision().publish()
    from courses.models import LessonPage

    url = reverse("wagtailadmin_pages:preview_on_add", args=("courses", "lessonpage", course.pk))
    data = add_form_data(client, LessonPage, course)
    data["title"], data["slug"] = "Le certificat HTTPS", "le-certificat-https"

    answer, html = preview(client, url, data)

    assert answer["is_valid"] is True
    assert "Étape 3 sur 3" in html
    assert "L’hébergement" in html[html.index("step-nav") :]  # the previous step, as learners will see it


def test_a_draft_lesson_preview_counts_the_other_draft_steps(client, editor, home_page):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Les bases du web")
    LessonPageFactory(parent=course, title="Le nom de domaine").save_revision().publish()
    draft = LessonPageFactory(parent=course, title="L’hébergement", live=False)
    LessonPageFactory(parent=course, title="Le certificat HTTPS", live=False)

    html = client.get(reverse("wagtailadmin_pages:edit", args=(draft.pk,))).content.decode()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(draft.pk,))
    from courses.models import LessonPage

    _answer, shown = preview(
        client, url, with_stream_counts(LessonPage, querydict_from_html(html, form_id="page-edit-form"))
    )

    assert "Étape 2 sur 3" in shown
