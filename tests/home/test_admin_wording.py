"""The admin in plain French for staff: no "Root", ASCII addresses, lists of boxes to tick, and a
course that cannot require itself."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from home.models import StandardPage
from tests.factories.accounts import UserFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, TrainerFactory


@pytest.fixture
def trainer_client(client, home_page):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Formateurs"))
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_root_of_the_page_tree_has_a_french_name(home_page):
    assert Page.get_first_root_node().title == "Racine du site"


@pytest.mark.django_db
def test_page_addresses_are_plain_ascii(home_page):
    page = home_page.add_child(instance=StandardPage(title="Éducation populaire : l’atelier d’Élise"))
    assert page.slug == "education-populaire-latelier-delise"


@pytest.mark.django_db
def test_an_accented_address_typed_by_an_editor_is_refused_with_the_address_to_use(client, home_page):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        f"/admin/pages/add/home/standardpage/{home_page.pk}/",
        {"title": "Éducation populaire", "slug": "éducation-populaire", "body-count": "0"},
    )
    assert response.status_code == 200
    assert not StandardPage.objects.filter(title="Éducation populaire").exists()
    assert "par exemple «\u00a0education-populaire\u00a0»" in str(response.context["form"].errors["slug"])
    # What the editor typed is still in the form.
    assert 'value="Éducation populaire"' in response.content.decode()


@pytest.mark.django_db
def test_trainers_and_prerequisites_are_boxes_to_tick_and_a_course_is_not_its_own_prerequisite(
    trainer_client, home_page
):
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="Écrire pour le web")
    other = CoursePageFactory(parent=index, title="Accessibilité numérique")
    trainer = TrainerFactory(name="Aïcha Benali")

    html = trainer_client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    assert f'type="checkbox" name="trainers" value="{trainer.pk}"' in html
    assert f'type="checkbox" name="prerequisite_courses" value="{other.pk}"' in html
    assert f'name="prerequisite_courses" value="{course.pk}"' not in html
    assert "<select" not in html.split('name="trainers"')[0][-300:]
