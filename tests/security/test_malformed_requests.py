"""Malformed request bodies and the request limits, against every public form.

The body of a valid submission of each form is broken on purpose: a multipart body cut short or whose
boundary does not match, bytes that are not UTF-8, a charset other than UTF-8, more fields than
``DATA_UPLOAD_MAX_NUMBER_FIELDS``, more bytes than ``DATA_UPLOAD_MAX_MEMORY_SIZE``. Each is answered
with a 400 and the French "request could not be read" page, never a server error, and records nothing
(no row, no e-mail, no log-in, no quiz answer). The same data sent well-formed is accepted: the
refusals come from the malformation, not from the data.
"""

import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from home.formdata import _is_utf8

from .test_fuzz import RowCounts, rolled_back, text_of
from .test_headers import assert_security_headers

pytestmark = pytest.mark.django_db

BOUNDARY = "----WebassocTestBoundary7MA4YWxk"


# --- bodies ---------------------------------------------------------------------------------------------


def _bytes(value):
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


def multipart(fields, boundary=BOUNDARY, close=True):
    """A multipart/form-data body as browsers send it; ``fields`` is a list of (name, value)."""
    body = b""
    for name, value in fields:
        body += (
            b"--" + boundary.encode() + b"\r\n"
            b'Content-Disposition: form-data; name="' + _bytes(name) + b'"\r\n\r\n' + _bytes(value) + b"\r\n"
        )
    if close:
        body += b"--" + boundary.encode() + b"--\r\n"
    return body


def urlencoded(fields):
    return "&".join(f"{quote(name)}={quote(value)}" for name, value in fields).encode("ascii")


MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
URLENCODED = "application/x-www-form-urlencoded"


def _replace(fields, name, value):
    return [(key, value if key == name else old) for key, old in fields]


def _filler_fields(count):
    return [(f"champ{i}", "x") for i in range(count)]


def _big_value():
    return "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)


def _latin1_urlencoded(fields, name):
    """The form as an old client would send it in ISO-8859-1: "Célia" is the single byte %E9."""
    return urlencoded(_replace(fields, name, "Célia")).replace(b"C%C3%A9lia", b"C%E9lia")


# Each case: (body, content type) from the valid fields and the name of a text field to spoil.
MALFORMED = {
    "multipart without its closing boundary": lambda f, n: (multipart(f, close=False), MULTIPART),
    "multipart cut in the middle": lambda f, n: (multipart(f)[: len(multipart(f)) // 2], MULTIPART),
    "multipart cut inside the closing boundary": lambda f, n: (multipart(f)[:-8], MULTIPART),
    "multipart whose boundary is not the declared one": lambda f, n: (
        multipart(f),
        "multipart/form-data; boundary=AutreFrontiere",
    ),
    "multipart without a boundary": lambda f, n: (multipart(f), "multipart/form-data"),
    "multipart with an empty boundary": lambda f, n: (multipart(f), "multipart/form-data; boundary="),
    "multipart with a boundary too long": lambda f, n: (
        multipart(f, boundary="b" * 300),
        "multipart/form-data; boundary=" + "b" * 300,
    ),
    "invalid UTF-8 in a multipart field": lambda f, n: (multipart(_replace(f, n, b"Cam\xffille")), MULTIPART),
    "a lone surrogate in a multipart field": lambda f, n: (multipart(_replace(f, n, b"Cam\xed\xa0\x80")), MULTIPART),
    "invalid UTF-8 in a multipart field name": lambda f, n: (multipart([*f, (b"pr\xe9nom", "x")]), MULTIPART),
    "invalid UTF-8 escaped in a url-encoded field": lambda f, n: (
        urlencoded(f).replace(f"{n}=".encode(), f"{n}=Cam%FFille".encode(), 1),
        URLENCODED,
    ),
    "an overlong '/' escaped in a url-encoded field": lambda f, n: (
        urlencoded(f).replace(f"{n}=".encode(), f"{n}=%C0%AF".encode(), 1),
        URLENCODED,
    ),
    "a raw byte that is not UTF-8 in a url-encoded body": lambda f, n: (
        urlencoded(f).replace(f"{n}=".encode(), f"{n}=".encode() + b"Cam\xe9lia", 1),
        URLENCODED,
    ),
    "url-encoded in ISO-8859-1": lambda f, n: (_latin1_urlencoded(f, n), URLENCODED + "; charset=ISO-8859-1"),
    "url-encoded in UTF-16": lambda f, n: (urlencoded(f).decode().encode("utf-16"), URLENCODED + "; charset=utf-16"),
    "multipart in windows-1252": lambda f, n: (
        multipart(_replace(f, n, "Célia".encode("cp1252"))),
        MULTIPART + "; charset=windows-1252",
    ),
    "an unknown charset": lambda f, n: (urlencoded(f), URLENCODED + "; charset=x-martien"),
    "url-encoded, more fields than allowed": lambda f, n: (
        urlencoded(f + _filler_fields(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)),
        URLENCODED,
    ),
    "multipart, more fields than allowed": lambda f, n: (
        multipart(f + _filler_fields(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)),
        MULTIPART,
    ),
    "url-encoded, larger than allowed": lambda f, n: (urlencoded([*f, ("remplissage", _big_value())]), URLENCODED),
    "multipart, larger than allowed": lambda f, n: (multipart([*f, ("remplissage", _big_value())]), MULTIPART),
}

WELL_FORMED = {
    "multipart": lambda f: (multipart(f), MULTIPART),
    "url-encoded": lambda f: (urlencoded(f), URLENCODED),
    "url-encoded, charset UTF-8 declared": lambda f: (urlencoded(f), URLENCODED + "; charset=UTF-8"),
}


# --- the public forms -----------------------------------------------------------------------------------


class Target:
    """One public form: where it posts, a valid submission, and how to tell whether it was taken."""

    text_field = None

    def __init__(self, site, client):
        self.site = site
        self.client = client

    def prepare(self):
        """Set up what the form needs; return the URL and the valid fields."""
        raise NotImplementedError

    def took_effect(self):
        raise NotImplementedError


class Signing(Target):
    text_field = "first_name"

    def prepare(self):
        from manifesto.tokens import form_started_value

        manifesto = self.site.manifesto
        if manifesto is None:
            pytest.fail("no manifesto yet")
        profession = manifesto.professions.order_by("sort_order").first()
        fields = [
            ("first_name", "Camille"),
            ("last_name", "Durand"),
            ("email", "signe.malforme@example.org"),
            ("profession", str(profession.pk)),
            ("consent", "on"),
            ("is_public", "on"),
            ("website", ""),
            ("started", form_started_value()),
        ]
        return manifesto.url, fields

    def took_effect(self):
        from manifesto.models import Signature

        return Signature.objects.filter(email_normalized="signe.malforme@example.org").exists() or bool(mail.outbox)


class SignUp(Target):
    text_field = "first_name"

    def prepare(self):
        password = "Un-mot-de-passe-solide-42"
        fields = [
            ("first_name", "Camille"),
            ("last_name", "Durand"),
            ("email", "inscription.malformee@example.org"),
            ("password1", password),
            ("password2", password),
        ]
        return reverse("account_signup"), fields

    def took_effect(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(email="inscription.malformee@example.org").exists()


class LogIn(Target):
    text_field = "login"

    def prepare(self):
        from tests.factories.accounts import PASSWORD, UserFactory

        UserFactory(email="connexion.malformee@example.org")
        return reverse("account_login"), [("login", "connexion.malformee@example.org"), ("password", PASSWORD)]

    def took_effect(self):
        return "_auth_user_id" in self.client.session


class PasswordReset(Target):
    text_field = "email"

    def prepare(self):
        from tests.factories.accounts import UserFactory

        UserFactory(email="oubli.malforme@example.org")
        return reverse("account_reset_password"), [("email", "oubli.malforme@example.org")]

    def took_effect(self):
        return bool(mail.outbox)


class QuizAnswer(Target):
    text_field = "choice"

    def prepare(self):
        from courses.models import QuizAttempt
        from tests.factories.accounts import UserFactory

        quiz = self.site.quiz
        if quiz is None:
            pytest.fail("no courses yet")
        learner = UserFactory(email="quiz.malforme@example.org")
        self.client.force_login(learner)
        assert self.client.post(quiz.url + "commencer/").status_code == 302
        self.attempt = QuizAttempt.objects.get(user=learner, quiz=quiz)
        question = quiz.questions.get(pk=self.attempt.question_order[0])
        choice = question.choices.order_by("pk").first()
        return f"{quiz.url}tentative/{self.attempt.pk}/question/1/", [("choice", str(choice.pk)), ("action", "next")]

    def took_effect(self):
        self.attempt.refresh_from_db()
        return bool(self.attempt.answers)


TARGETS = {
    "manifesto signing": Signing,
    "sign-up": SignUp,
    "log-in": LogIn,
    "password reset": PasswordReset,
    "quiz answer": QuizAnswer,
}


def assert_french_bad_request_page(response):
    assert response.status_code == 400, response.status_code
    html = text_of(response)
    assert '<html lang="fr">' in html
    assert "<h1>La demande n’a pas pu être lue</h1>" in html
    assert "rien n’a été enregistré" in html
    assert "Bad Request" not in html
    assert_security_headers(response)


@pytest.mark.parametrize("case", list(MALFORMED))
@pytest.mark.parametrize("target", list(TARGETS))
def test_a_malformed_body_gets_the_french_400_page_and_records_nothing(shared_site, open_forms, target, case):
    client = Client()  # any exception a view lets escape is raised here: a server error fails the test
    form = TARGETS[target](shared_site, client)
    with rolled_back():
        url, fields = form.prepare()
        body, content_type = MALFORMED[case](fields, form.text_field)
        before = RowCounts()
        mail.outbox.clear()
        response = client.generic("POST", url, body, content_type=content_type)
        assert_french_bad_request_page(response)
        assert not form.took_effect(), f"{target}: a malformed body ({case}) was taken into account"
        assert before.changed() == {}


@pytest.mark.parametrize("encoding", list(WELL_FORMED))
@pytest.mark.parametrize("target", list(TARGETS))
def test_the_same_form_sent_well_formed_is_taken(shared_site, open_forms, target, encoding):
    """The control: the malformed bodies above are refused for their form, not for their content."""
    client = Client()
    form = TARGETS[target](shared_site, client)
    with rolled_back():
        url, fields = form.prepare()
        body, content_type = WELL_FORMED[encoding](fields)
        mail.outbox.clear()
        response = client.generic("POST", url, body, content_type=content_type)
        assert response.status_code == 302, (target, encoding, response.status_code)
        assert form.took_effect(), f"{target}: the well-formed submission ({encoding}) was not taken"


def test_non_ascii_text_in_utf8_is_kept_whatever_the_encoding(shared_site, open_forms):
    """Accents, typographic quotes and emoji arrive intact, url-encoded or multipart."""
    from manifesto.models import Signature

    name = "Zoë « l’Aînée » 🎉"
    for encode in (urlencoded, multipart):
        client = Client()
        form = Signing(shared_site, client)
        with rolled_back():
            url, fields = form.prepare()
            body = encode(_replace(fields, "first_name", name))
            content_type = MULTIPART if encode is multipart else URLENCODED
            assert client.generic("POST", url, body, content_type=content_type).status_code == 302
            assert Signature.objects.get(email_normalized="signe.malforme@example.org").first_name == name


def test_a_long_value_under_the_size_limit_is_a_form_error_not_a_400(shared_site, open_forms):
    """Below DATA_UPLOAD_MAX_MEMORY_SIZE the form itself answers: re-displayed, message too long."""
    from manifesto.models import Signature

    client = Client()
    form = Signing(shared_site, client)
    with rolled_back():
        url, fields = form.prepare()
        message = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2)
        response = client.generic("POST", url, urlencoded([*fields, ("message", message)]), content_type=URLENCODED)
        assert response.status_code == 200
        assert "au plus 500 caractères" in text_of(response)
        assert 'value="Camille"' in text_of(response)  # the valid input is kept
        assert not Signature.objects.exists()


def test_the_browser_like_client_gets_the_400_before_the_csrf_check(shared_site, open_forms):
    """With the CSRF check on, as for a real browser: a malformed body is still a 400 (the body is never
    read for the token), and a well-formed one without its token gets a French "form expired" page."""
    client = Client(enforce_csrf_checks=True)
    form = Signing(shared_site, client)
    with rolled_back():
        url, fields = form.prepare()
        body, content_type = MALFORMED["multipart without its closing boundary"](fields, "first_name")
        assert_french_bad_request_page(client.generic("POST", url, body, content_type=content_type))
        response = client.generic("POST", url, urlencoded(fields), content_type=URLENCODED)
        assert response.status_code == 403
        html = text_of(response)
        assert '<html lang="fr">' in html
        assert "<h1>Le formulaire a expiré</h1>" in html
        assert "Forbidden" not in html and "CSRF" not in html
        assert not form.took_effect()


def test_the_admin_is_not_subject_to_the_public_form_checks(client, shared_site):
    """Staff upload images and documents (binary, above the in-memory limit of form data): the admin keeps
    Django's own checks only, which leave files out of that limit."""
    import io
    import os

    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    from tests.factories.accounts import UserFactory

    png = io.BytesIO()  # noise does not compress: a file larger than the in-memory limit of form data
    PillowImage.frombytes("RGB", (1000, 1000), os.urandom(3_000_000)).save(png, "PNG")
    assert len(png.getvalue()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert not _is_utf8(png.getvalue())
    with rolled_back():
        client.force_login(UserFactory(email="admin.malforme@example.org", is_superuser=True, is_staff=True))
        upload = (
            b"--" + BOUNDARY.encode() + b"\r\n"
            b'Content-Disposition: form-data; name="files[]"; filename="carre.png"\r\n'
            b"Content-Type: image/png\r\n\r\n" + png.getvalue() + b"\r\n"
            b"--" + BOUNDARY.encode() + b"--\r\n"
        )
        response = client.generic("POST", reverse("wagtailimages:add_multiple"), upload, content_type=MULTIPART)
        assert response.status_code == 200
        assert response.json()["success"] is True
        assert get_image_model().objects.filter(title="carre.png").exists()


@pytest.mark.parametrize("view", ["wagtailimages:add_multiple", "wagtailimages:add"])
def test_a_damaged_image_file_is_refused_with_a_french_message_not_a_server_error(client, shared_site, view):
    """A photo cut short (an interrupted transfer from a phone): Pillow cannot read it, Wagtail let that
    through as a 500. The uploader and the add form now say what is wrong, and store nothing."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    from tests.factories.accounts import UserFactory

    jpeg = io.BytesIO()
    PillowImage.new("RGB", (400, 300), (200, 30, 30)).save(jpeg, "JPEG")
    damaged = SimpleUploadedFile("photo-atelier.jpg", jpeg.getvalue()[:600], content_type="image/jpeg")
    with rolled_back():
        before = get_image_model().objects.count()
        client.force_login(UserFactory(email="admin.image@example.org", is_superuser=True, is_staff=True))
        field = "files[]" if view.endswith("multiple") else "file"
        response = client.post(
            reverse(view), {field: damaged, "title": "Photo de l'atelier"}, HTTP_ACCEPT_LANGUAGE="fr"
        )
        assert response.status_code == 200
        message = "Ce fichier image est abîmé ou incomplet"
        if view.endswith("multiple"):
            assert response.json()["success"] is False
            assert message in response.json()["error_message"]
        else:
            assert message in response.content.decode()
            assert "Photo de l&#x27;atelier" in response.content.decode()  # what was typed is kept
        assert get_image_model().objects.count() == before


# --- the course catalogue's query parameters (GET) ---------------------------------------------------------


def _catalogue(site):
    if site.course_index is None:
        pytest.fail("no course catalogue yet")
    return site.course_index.url


@pytest.mark.parametrize(
    "query",
    [
        "theme=%FF%FE&level=%C0%AF&duration=%ED%A0%80",
        "theme=\xff\xfe&level=beginner",
        "q=%00&page=%E9",
        "theme=" + "%E9" * 20_000,
        "&".join(["level=beginner"] * 500),
    ],
    ids=["invalid UTF-8", "raw bytes", "NUL and a lone byte", "60 KB of invalid escapes", "500 parameters"],
)
def test_catalogue_with_mis_encoded_or_huge_query_strings_shows_the_catalogue(client, shared_site, query):
    url = _catalogue(shared_site)
    with rolled_back():
        before = RowCounts()
        response = client.get(url, QUERY_STRING=query)  # WSGI: one character per byte
        assert response.status_code == 200
        html = text_of(response)
        assert shared_site.course.title in html, "the catalogue no longer lists its course"
        assert '<html lang="fr"' in html
        assert before.changed() == {}


def test_catalogue_with_more_parameters_than_allowed_gets_the_french_400_page(client, shared_site):
    url = _catalogue(shared_site)
    query = "&".join(f"level=beginner&p{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS // 2 + 1))
    response = client.get(url, QUERY_STRING=query)
    assert_french_bad_request_page(response)


def test_search_with_more_parameters_than_allowed_gets_the_french_400_page(client, shared_site):
    query = "&".join(f"q=formation&p{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS // 2 + 1))
    assert_french_bad_request_page(client.get("/recherche/", QUERY_STRING=query))


# --- the limits are explicit -------------------------------------------------------------------------------


def test_request_limits_are_set_explicitly_in_the_base_settings():
    from webassoc.settings import base

    assert base.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert base.DATA_UPLOAD_MAX_NUMBER_FIELDS == 10_000
    assert base.DATA_UPLOAD_MAX_NUMBER_FILES == 100
    assert "home.formdata.FormDataCheckMiddleware" in base.MIDDLEWARE


def test_the_400_page_needs_no_request_and_is_french():
    """Django renders 400.html without a request or context (django.views.defaults.bad_request)."""
    from django.template.loader import get_template
    from django.utils import translation

    with translation.override("fr"):
        html = get_template("400.html").render()
    assert re.search(r"<title>La demande n’a pas pu être lue – Webassoc</title>", html)
    assert "/static/css/site.css" in html
