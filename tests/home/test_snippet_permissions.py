"""Staff groups manage the snippets of their everyday work: Formateurs and Modération add themes and
trainers, Rédaction and Modération add news categories and authors (also from the author chooser).
Users are put in the real groups created by the data migrations."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from courses.models import Theme, Trainer
from news.models import Author, Category

pytestmark = pytest.mark.django_db


def login(client, group):
    user = get_user_model().objects.create_user(email=f"{group.lower()}@example.org", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)


def add_url(model):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:add")


CASES = [
    ("Formateurs", Theme, {"name": "Accessibilité", "slug": "accessibilite"}),
    ("Modération", Theme, {"name": "Accessibilité", "slug": "accessibilite"}),
    ("Formateurs", Trainer, {"name": "Awa Diallo", "bio": "Développeuse bénévole."}),
    ("Modération", Trainer, {"name": "Awa Diallo", "bio": "Développeuse bénévole."}),
    ("Rédaction", Category, {"name": "Événements", "slug": "evenements"}),
    ("Modération", Category, {"name": "Événements", "slug": "evenements"}),
    ("Rédaction", Author, {"name": "Lucie Martin", "role": "Bénévole"}),
    ("Modération", Author, {"name": "Lucie Martin", "role": "Bénévole"}),
]


@pytest.mark.parametrize(("group", "model", "data"), CASES)
def test_staff_group_adds_the_snippets_of_its_everyday_work(client, home_page, group, model, data):
    login(client, group)

    response = client.post(add_url(model), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    assert model.objects.filter(name=data["name"]).exists()


@pytest.mark.parametrize(("group", "model"), [("Rédaction", Theme), ("Rédaction", Trainer), ("Formateurs", Author)])
def test_groups_do_not_manage_the_other_teams_snippets(client, home_page, group, model):
    login(client, group)
    response = client.get(add_url(model))
    assert response.status_code in (302, 403)


def test_the_author_chooser_offers_editors_to_create_an_author(client, home_page):
    login(client, "Rédaction")
    response = client.get(reverse("wagtailsnippetchoosers_news_author:choose"))
    assert response.status_code == 200
    assert "Créer" in response.json()["html"]
