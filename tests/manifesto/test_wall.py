"""The public list of signatories at /manifeste/signataires/."""

import datetime

import pytest
from freezegun import freeze_time

from tests.factories.manifesto import SignatureFactory, bulk_signatures

pytestmark = pytest.mark.django_db

WALL = "/manifeste/signataires/"


def test_wall_lists_confirmed_public_visible_signatures_newest_first(client, manifesto):
    first = SignatureFactory(manifesto=manifesto, last_name="Premiere", confirmed=True)
    second = SignatureFactory(
        manifesto=manifesto, last_name="Seconde", message="Je m'engage <b>vraiment</b>.", confirmed=True
    )
    SignatureFactory(manifesto=manifesto, last_name="Enattente")
    SignatureFactory(manifesto=manifesto, last_name="Discrete", is_public=False, confirmed=True)
    SignatureFactory(manifesto=manifesto, last_name="Masquee", is_hidden=True, confirmed=True)
    assert first.confirmed_at <= second.confirmed_at
    html = client.get(WALL).content.decode()
    assert html.index("Seconde") < html.index("Premiere")
    for name in ("Enattente", "Discrete", "Masquee"):
        assert name not in html
    assert "Je m’engage &lt;b&gt;vraiment&lt;/b&gt;." in html  # escaped, then typeset
    assert "2 signataires publics" in html
    assert "signataire" in html and "@example.org" not in html  # no e-mail address ever shown


def test_wall_filters_by_profession_and_other(client, manifesto):
    developer, designer = manifesto.professions.order_by("sort_order")[:2]
    SignatureFactory(manifesto=manifesto, last_name="Zdeveloppeuse", profession=developer, confirmed=True)
    SignatureFactory(manifesto=manifesto, last_name="Zgraphiste", profession=designer, confirmed=True)
    SignatureFactory(manifesto=manifesto, last_name="Zphotographe", profession=None, role="Photographe", confirmed=True)
    html = client.get(WALL, {"profession": developer.pk}).content.decode()
    assert "Zdeveloppeuse" in html and "Zgraphiste" not in html and "Zphotographe" not in html
    html = client.get(WALL, {"profession": "other"}).content.decode()
    assert "Zphotographe" in html and "Zdeveloppeuse" not in html


def test_wall_searches_names_and_organisations(client, manifesto):
    SignatureFactory(
        manifesto=manifesto, first_name="Inès", last_name="Benali", organisation="Scop Octopus", confirmed=True
    )
    SignatureFactory(
        manifesto=manifesto, first_name="Hugo", last_name="Martin", organisation="Studio Coquelicot", confirmed=True
    )
    assert "Benali" in client.get(WALL, {"q": "octopus"}).content.decode()
    html = client.get(WALL, {"q": "hugo martin"}).content.decode()
    assert "Martin" in html and "Benali" not in html
    assert "Aucun signataire public ne correspond" in client.get(WALL, {"q": "personne"}).content.decode()


def test_wall_is_paginated(client, manifesto):
    bulk_signatures(manifesto, 65)
    html = client.get(WALL).content.decode()
    assert "Page 1 sur 3" in html or "Page 1 of 3" in html
    assert html.count('class="signature"') == 30
    last = client.get(WALL, {"page": 3}).content.decode()
    assert last.count('class="signature"') == 5


def test_wall_count_follows_confirmations_at_once_and_moderation_within_a_minute(client, manifesto):
    """The wall's count is kept for a minute (counting 100,000 signatures is the dearest part of the
    page), under the stored count of confirmed signatures: a confirmation shows at the next visit."""
    with freeze_time(datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)) as frozen:
        first = SignatureFactory(manifesto=manifesto, last_name="Premiere", confirmed=True)
        SignatureFactory(manifesto=manifesto, last_name="Seconde", confirmed=True)
        assert "2 signataires publics" in client.get(WALL).content.decode()

        newcomer = SignatureFactory(manifesto=manifesto, last_name="Nouvelle")
        assert newcomer.confirm()
        html = client.get(WALL).content.decode()
        assert "Nouvelle" in html and "3 signataires publics" in html

        first.is_hidden = True  # a moderator hides it: the list drops it at once, the count within a minute
        first.save()
        html = client.get(WALL).content.decode()
        assert "Premiere" not in html
        frozen.tick(datetime.timedelta(seconds=61))
        assert "2 signataires publics" in client.get(WALL).content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "0"},
        {"page": "9" * 5000},
        {"page": "999999"},
        {"page": "1.5"},
        {"page": "\x00"},
        {"profession": "abc"},
        {"profession": "99999"},
        {"profession": "\x00"},
        {"q": "\x00"},
        {"q": "x" * 10_000},
        {"q": "%"},
        {"q": "' OR 1=1 --"},
    ],
)
def test_bad_parameters_never_give_a_server_error(client, manifesto, params):
    SignatureFactory(manifesto=manifesto, confirmed=True)
    assert client.get(WALL, params).status_code == 200


def test_mis_encoded_query_string(client, manifesto):
    assert client.get(WALL + "?q=%FF%FE&page=%C3%28").status_code == 200


def test_wall_is_not_found_when_editors_hide_it(client, manifesto):
    SignatureFactory(manifesto=manifesto, last_name="Visible", confirmed=True)
    manifesto.show_wall = False
    manifesto.save_revision().publish()
    assert client.get(WALL).status_code == 404
    html = client.get("/manifeste/").content.decode()
    assert "Visible" not in html
