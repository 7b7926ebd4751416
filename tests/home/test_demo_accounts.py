import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from home.demo import GROUP_DEMO_USERS


@pytest.mark.django_db
def test_load_demo_creates_and_prints_one_development_account_per_staff_group(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "mot-de-passe-de-demo")
    output = io.StringIO()
    call_command("load_demo", stdout=output)

    printed = output.getvalue()
    for email, _first_name, _last_name, group in GROUP_DEMO_USERS:
        user = get_user_model().objects.get(email=email)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.check_password("mot-de-passe-de-demo")
        assert email in printed
    assert "mot-de-passe-de-demo" in printed
    assert "admin: http://127.0.0.1:8000/admin/" in printed


@pytest.mark.django_db
def test_load_demo_prints_the_address_make_run_serves(settings):
    settings.DEBUG = True
    output = io.StringIO()
    call_command("load_demo", "--address", "http://127.0.0.1:8123/", stdout=output)
    assert "admin: http://127.0.0.1:8123/admin/" in output.getvalue()


@pytest.mark.django_db
def test_load_demo_creates_no_account_outside_development(settings):
    settings.DEBUG = False
    call_command("load_demo", stdout=io.StringIO())
    assert not get_user_model().objects.filter(email__endswith="@webassoc.test").exists()
