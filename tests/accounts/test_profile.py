from django.urls import reverse

from .conftest import assert_accessible_page


def test_profile_requires_logging_in(client):
    response = client.get(reverse("account_profile"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_profile_page_shows_the_members_details_and_account_links(client, user, django_assert_max_num_queries):
    client.force_login(user)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("account_profile"))

    assert_accessible_page(response)
    content = response.content.decode()
    assert 'value="Camille"' in content
    assert reverse("account_export") in content
    assert reverse("account_delete") in content
    assert reverse("account_change_password") in content
    assert "Mon compte" in content


def test_editing_the_profile_saves_it(client, user):
    client.force_login(user)

    response = client.post(
        reverse("account_profile"),
        {"first_name": "Camille", "last_name": "Petit", "association": "Ateliers solidaires", "role": "Présidente"},
        follow=True,
    )

    user.refresh_from_db()
    assert (user.last_name, user.association, user.role) == ("Petit", "Ateliers solidaires", "Présidente")
    assert "Votre profil a été enregistré." in response.content.decode()


def test_invalid_profile_shows_errors_keeps_what_was_typed_and_saves_nothing(client, user):
    client.force_login(user)

    response = client.post(
        reverse("account_profile"),
        {"first_name": "", "last_name": "Petit", "association": "A" * 201, "role": "Secrétaire"},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_first_name_error"' in content
    assert 'id="id_association_error"' in content
    assert 'value="Secrétaire"' in content
    assert 'value="Petit"' in content
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.role) == ("Camille", "Durand", "Bénévole")
