from .conftest import assert_accessible_page


def test_account_pages_exist_in_english_too(client):
    response = client.get("/en/comptes/login/")

    assert_accessible_page(response)
    assert "Password" in response.content.decode()
    assert 'lang="en"' in response.content.decode()
