import pytest


@pytest.mark.django_db
def test_search_finds_pages_and_shows_their_type(client, demo_content):
    response = client.get("/recherche/", {"q": "confidentialité"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Politique de confidentialité" in html
    assert 'class="search-result__type"' in html


@pytest.mark.django_db
def test_search_hides_unpublished_pages(client, demo_content):
    from home.models import StandardPage

    StandardPage.objects.get(slug="mentions-legales").unpublish()
    html = client.get("/recherche/", {"q": "Hébergement"}).content.decode()
    assert '<a href="/mentions-legales/">Mentions légales</a></h2>' not in html
    assert "0 résultat" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": "association", "page": "abc"},
        {"q": "association", "page": "-3"},
        {"q": "association", "page": "99999999999999999999999"},
        {"q": "x" * 50_000},
        {"q": "\x00\x01 association"},
        {"q": "\"'; DROP TABLE wagtailcore_page; --"},
        {"q": "AND OR NOT ( ) * ~ ^ :"},
        {"q": ""},
        {},
    ],
)
def test_bad_search_parameters_never_give_a_server_error(client, demo_content, params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200


@pytest.mark.django_db
def test_search_query_is_trimmed_and_redisplayed(client, demo_content):
    html = client.get("/recherche/", {"q": "  formations   en ligne "}).content.decode()
    assert 'value="formations en ligne"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["-", "- -", "NOT", "a OR", "*", "l'association", "NEAR(a b)", "é à ç"])
def test_full_text_syntax_in_queries_never_breaks_search(client, demo_content, query):
    assert client.get("/recherche/", {"q": query}).status_code == 200
