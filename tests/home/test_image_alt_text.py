"""Page images (course cover, home hero) demand an alternative text or an explicit "decorative" tick,
like the image block and the articles' featured image."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from courses.models import CoursePage
from home.demo_utils import demo_image
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Décrivez l’image, ou cochez «\u00a0Image décorative\u00a0» si elle n’apporte aucune information."


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser(email="admin@example.org", password="x"))
    return client


@pytest.fixture
def catalogue(home_page):
    return CourseIndexPageFactory(parent=home_page)


def add_course(client, catalogue, **fields):
    data = nested_form_data(
        {"title": "Une formation", "slug": "une-formation", "summary": "En bref.", "level": "beginner", **fields}
    )
    return client.post(reverse("wagtailadmin_pages:add", args=("courses", "coursepage", catalogue.pk)), data)


def test_cover_image_without_alt_text_or_decorative_tick_is_refused(admin_client, catalogue):
    image = demo_image("Couverture")
    response = add_course(admin_client, catalogue, cover_image=image.pk, cover_image_alt="  ")
    assert response.status_code == 200
    assert response.context["form"].errors["cover_image_alt"]
    assert MESSAGE in response.content.decode()
    assert not CoursePage.objects.exists()


def test_cover_image_with_alt_text_is_saved(admin_client, catalogue):
    image = demo_image("Couverture")
    response = add_course(admin_client, catalogue, cover_image=image.pk, cover_image_alt="Deux bénévoles au clavier")
    assert response.status_code == 302
    assert CoursePage.objects.get().cover_image_alt == "Deux bénévoles au clavier"


def test_decorative_cover_image_is_saved_without_alt_text(admin_client, catalogue):
    image = demo_image("Couverture")
    response = add_course(
        admin_client, catalogue, cover_image=image.pk, cover_image_alt="texte oublié", cover_image_decorative="on"
    )
    assert response.status_code == 302
    course = CoursePage.objects.get()
    assert course.cover_image_id == image.pk and course.cover_image_alt == ""


def test_course_without_cover_image_needs_neither(admin_client, catalogue):
    assert add_course(admin_client, catalogue).status_code == 302


def test_editor_shows_a_cover_image_without_alt_text_as_decorative(admin_client, catalogue):
    decorative = CoursePageFactory(parent=catalogue, cover_image=demo_image("A"), cover_image_alt="")
    described = CoursePageFactory(parent=catalogue, cover_image=demo_image("B"), cover_image_alt="Un atelier")
    for course, ticked in ((decorative, True), (described, False)):
        form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).context["form"]
        assert form["cover_image_decorative"].value() is ticked


def test_home_hero_image_demands_alt_text_or_decorative_tick(admin_client, home_page):
    from wagtail.test.utils.form_data import querydict_from_html

    image = demo_image("Bandeau")
    url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"  # the StreamField's inputs are built by JavaScript; the body is empty
    data["hero_image"] = str(image.pk)
    data["hero_image_alt"] = ""
    data.pop("hero_image_decorative", None)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["hero_image_alt"]

    data["hero_image_decorative"] = "on"
    assert admin_client.post(url, data).status_code == 302
    draft = type(home_page).objects.get(pk=home_page.pk).get_latest_revision_as_object()
    assert draft.hero_image_id == image.pk and draft.hero_image_alt == ""
