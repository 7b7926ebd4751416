"""The shared double opt-in pieces (home/optin.py) used by every public form with an e-mail link."""

import datetime

import pytest
from django import forms
from freezegun import freeze_time

from home import optin


class _Form(optin.AntiSpamFormMixin):
    form_salt = "tests.optin"
    name = forms.CharField()


def test_normalize_email_ignores_case_spaces_tags_and_gmail_dots():
    assert optin.normalize_email(" Jean.Dupont+manifeste@GoogleMail.com ") == "jeandupont@gmail.com"
    assert optin.normalize_email("A.B+x@Example.org") == "a.b@example.org"


def test_token_round_trip_and_salt_separation():
    token = optin.make_token(42, "s3cret", "purpose.a")
    assert optin.read_token(token, "purpose.a") == (42, "s3cret")
    with pytest.raises(optin.TokenInvalid):
        optin.read_token(token, "purpose.b")
    with pytest.raises(optin.TokenInvalid):
        optin.read_token(token[:-2] + "xx", "purpose.a")


def test_token_expires():
    with freeze_time("2026-01-01 10:00"):
        token = optin.make_token(1, "s", "purpose")
    with freeze_time("2026-01-09 10:00"), pytest.raises(optin.TokenExpired):
        optin.read_token(token, "purpose", max_age=7 * 24 * 3600)


@pytest.mark.django_db
def test_object_from_token_checks_the_secret(django_user_model):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="secret-holders")
    good = optin.make_token(group.pk, group.name, "purpose")
    assert optin.object_from_token(Group.objects.all(), good, "purpose", secret_field="name") == group
    forged = optin.make_token(group.pk, "another", "purpose")
    with pytest.raises(optin.TokenInvalid):
        optin.object_from_token(Group.objects.all(), forged, "purpose", secret_field="name")
    group.delete()
    assert optin.object_from_token(Group.objects.all(), good, "purpose", secret_field="name") is None


def test_antispam_honeypot_and_fill_time():
    shown = _Form()
    stamp = shown.initial["started"]
    robot = _Form({"name": "x", "website": "http://spam", "started": stamp})
    assert robot.is_valid() and robot.looks_like_a_robot()
    hurried = _Form({"name": "x", "started": stamp})
    assert hurried.is_valid() and hurried.filled_too_fast(3)
    forged = _Form({"name": "x", "started": "form:forged:stamp"})
    assert forged.filled_too_fast(0)
    with freeze_time(datetime.timedelta(seconds=10), tick=True):
        patient = _Form({"name": "x", "started": stamp})
        assert patient.is_valid() and not patient.filled_too_fast(3) and not patient.looks_like_a_robot()
    # The form shown again keeps the submitted stamp for the check and renders a fresh one.
    assert hurried.submitted_started == stamp
