"""Property-based fuzzing of every public form and query parameter (hypothesis).

Random, huge (10-100 KB), empty, mis-encoded (invalid UTF-8 percent-escapes, NUL bytes, lone surrogates
as their UTF-8-like bytes) and missing values. Whatever is sent:

- the answer is never a server error (the test client re-raises any exception a view lets escape);
- nothing invalid is stored (row counts unchanged for invalid input; what is stored passes the checks);
- a form re-displayed with errors keeps the visitor's valid input.

Each example runs in a savepoint rolled back at its end, with an empty cache (rate limits), so examples
do not see each other's records.
"""

import contextlib
import html as html_lib
import re
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .conftest import get_model_or_none, require_reverse, reverse_or_none

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_site(shared_site):
    """One small site for the whole module: every example runs in a savepoint rolled back at its end."""
    return shared_site


FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(FUZZ, max_examples=25)

MARKER = "<x-fuzz>"  # never reflected unescaped

# --- values ------------------------------------------------------------------------------------------

# Percent-escapes that are not UTF-8: BOMs backwards, a NUL, a lone surrogate (ED A0 80), an overlong
# "/", a lone continuation byte, a code point above U+10FFFF, a truncated sequence, broken escapes.
BAD_ESCAPES = [
    "%ff%fe",
    "%00",
    "%ed%a0%80",
    "%c0%af",
    "%80",
    "%f4%90%80%80",
    "%e9",
    "%c3",
    "%",
    "%zz",
    "%%41",
    "%0d%0a",
]


def _repeat(pair):
    chunk, size = pair
    return (chunk * (size // len(chunk) + 1))[:size]


huge_text = st.tuples(st.text(min_size=1, max_size=8), st.integers(10_000, 100_000)).map(_repeat)
nasty_text = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        MARKER,
        '"><script>alert(1)</script>',
        "-1",
        "0",
        "99999999999999999999999999",
        "1e10",
        "NaN",
        "\u202e\u200b",
        "' OR 1=1 --",
        "%",
        "../../etc/passwd",
        "a/b",
        "é" * 300,
        "🎉",
    ]
)
any_text = st.one_of(st.text(max_size=60), nasty_text, huge_text)
percent_bytes = st.binary(max_size=24).map(lambda raw: "".join(f"%{byte:02X}" for byte in raw))
raw_encoded = st.one_of(st.sampled_from(BAD_ESCAPES), percent_bytes, any_text.map(lambda text: quote(text, safe="")))


def query_values(valid=()):
    """A query value: missing (None), any text, or one of the parameter's valid values."""
    options = [st.none(), any_text]
    if valid:
        options.append(st.sampled_from(list(valid)))
    return st.one_of(*options)


# --- form fields: each value is drawn with what we know of it ----------------------------------------

VALID, INVALID, RANDOM = "valid", "invalid", "random"


class _Missing:
    """The field is not sent at all."""

    def __repr__(self):
        return "MISSING"


MISSING = _Missing()


def field(valid, invalid=(), random=True, required=True):
    """A (kind, value) pair: a valid value, a value known invalid, a random one, or a missing field.

    Missing counts as invalid for a required field and as valid for an optional one."""
    options = [valid.map(lambda value: (VALID, value))]
    invalid_values = list(invalid)
    if invalid_values:
        options.append(st.sampled_from(invalid_values).map(lambda value: (INVALID, value)))
    options.append(st.just((INVALID if required else VALID, MISSING)))
    if random:
        options.append(any_text.map(lambda value: (RANDOM, value)))
    return st.one_of(*options)


# What a one-line field (name, organisation, city, role) refuses (home/validators.py): line breaks,
# control, format and bidirectional characters, which let anyone write into the site's e-mails.
NOT_ONE_LINE = ["Ana\nBob", "Ana\r\nBcc: x@example.org", "Ana\u2028Bob", "Ana\u202eBob", "Ana\u200bBob", "Ana\x1bBob"]
INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def text_field(valid_values, max_length, required=True, one_line=True):
    invalid = ["\x00", "Ca\x00mille", "x" * (max_length + 1), "x" * 50_000]
    if required:
        invalid += ["", "   "]
    if one_line:
        invalid += NOT_ONE_LINE
    return field(st.sampled_from(valid_values), invalid, required=required)


def post_data(fields):
    return {name: value for name, (kind, value) in fields.items() if value is not MISSING}


def has_invalid(fields):
    return any(kind == INVALID for kind, _value in fields.values())


def all_valid(fields):
    return all(kind == VALID for kind, _value in fields.values())


def assert_kept(html, fields, names):
    """Each valid, non-empty value of ``names`` is back in the re-displayed form."""
    for name in names:
        kind, value = fields[name]
        if kind == VALID and value is not MISSING and value != "":
            assert f'value="{escape(value)}"' in html or f"{escape(value)}</textarea>" in html, (
                f"the valid {name} {value!r} is not kept in the re-displayed form"
            )


def assert_clean_text(value, max_length, one_line=True):
    assert "\x00" not in value
    assert len(value) <= max_length
    assert value == value.strip()
    if one_line:
        assert not INVISIBLE.search(value), f"a line break or invisible character was stored: {value!r}"


@contextlib.contextmanager
def rolled_back():
    """One hypothesis example: an empty cache and a savepoint rolled back at the end."""
    cache.clear()
    mail.outbox.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()


def text_of(response):
    return response.content.decode("utf-8", errors="replace")


def assert_not_server_error(response, what=""):
    assert response.status_code < 500, f"{what}: HTTP {response.status_code}"


def assert_marker_escaped(response, sent):
    if any(MARKER in str(value) for value in sent) and "html" in response.get("Content-Type", ""):
        assert MARKER not in text_of(response), "a parameter is reflected without escaping"


class RowCounts:
    """Counts of what visitors can create; a GET never changes them."""

    LABELS = [
        "accounts.User",
        "account.EmailAddress",
        "manifesto.Signature",
        "courses.LessonCompletion",
        "courses.QuizAttempt",
        "courses.Enrollment",
        "courses.Certificate",
    ]

    def __init__(self):
        self.counts = {}
        for label in self.LABELS:
            model = get_model_or_none(label)
            if model is not None:
                self.counts[label] = model.objects.count()

    def changed(self):
        return {label: count for label, count in RowCounts().counts.items() if count != self.counts[label]}


# --- query parameters ---------------------------------------------------------------------------------


def _search(site):
    return "/recherche/", {"q": ["association", "formation", "Formations"], "page": ["1", "2"]}


def _catalogue(site):
    if site.course_index is None:
        pytest.skip("no course catalogue yet")
    return site.course_index.url, {
        "theme": [site.theme.slug],
        "level": ["beginner", "intermediate", "advanced"],
        "duration": ["short", "medium", "long"],
        "page": ["1", "2"],
    }


def _news(site):
    if site.news_index is None:
        pytest.skip("no news index yet")
    return site.news_index.url, {"categorie": [site.category.slug], "etiquette": [site.tag], "page": ["1", "2"]}


def _news_feed(site):
    if site.news_index is None:
        pytest.skip("no news index yet")
    return site.news_index.url + "flux/", {"page": ["1"], "categorie": [site.category.slug]}


def _wall(site):
    if site.manifesto is None:
        pytest.skip("no manifesto yet")
    professions = [str(pk) for pk in site.manifesto.professions.values_list("pk", flat=True)]
    return site.manifesto.url + "signataires/", {
        "page": ["1", "2"],
        "profession": [*professions, "other"],
        "q": ["Camille"],
    }


def _certificate_check(site):
    return require_reverse("courses:certificate_verify_form"), {"code": ["ABCDEFGHJKLM"]}


def _login_next(site):
    return require_reverse("account_login"), {"next": ["/formations/", "/mes-formations/"]}


QUERY_TARGETS = {
    "search": _search,
    "catalogue filters": _catalogue,
    "news index filters": _news,
    "news feed": _news_feed,
    "manifesto wall": _wall,
    "certificate verification form": _certificate_check,
    "log-in next": _login_next,
}


@pytest.mark.parametrize("target", list(QUERY_TARGETS))
@FUZZ
@given(data=st.data())
def test_query_parameters_never_cause_a_server_error_nor_store_anything(client, small_site, target, data):
    path, params = QUERY_TARGETS[target](small_site)
    values = {name: data.draw(query_values(valid), label=name) for name, valid in params.items()}
    values = {name: value for name, value in values.items() if value is not None}
    with rolled_back():
        before = RowCounts()
        response = client.get(path, values)
        assert_not_server_error(response, f"{path} {values!r}"[:300])
        assert_marker_escaped(response, values.values())
        assert before.changed() == {}


@pytest.mark.parametrize("target", list(QUERY_TARGETS))
@FUZZ
@given(data=st.data())
def test_mis_encoded_query_strings_never_cause_a_server_error(client, small_site, target, data):
    path, params = QUERY_TARGETS[target](small_site)
    names = list(params) + ["", "%ff", "x%00"]
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(names), raw_encoded), max_size=5), label="pairs")
    query_string = "&".join(f"{name}={value}" for name, value in pairs)
    if data.draw(st.booleans(), label="no equals sign"):
        query_string = query_string.replace("=", "")
    with rolled_back():
        response = client.get(path, QUERY_STRING=query_string)
        assert_not_server_error(response, f"{path}?{query_string}"[:300])


def test_search_keeps_the_visitors_query_in_the_search_box(client, small_site):
    response = client.get("/recherche/", {"q": "Formations d'été"})
    assert response.status_code == 200
    # Punctuation is full-text syntax: the query is kept without it.
    assert 'value="Formations d été"' in text_of(response)


def test_catalogue_keeps_a_valid_filter_selected_next_to_an_invalid_one(client, small_site):
    _path, _params = _catalogue(small_site)
    response = client.get(small_site.course_index.url, {"theme": small_site.theme.slug, "level": "\x00nope"})
    html = text_of(response)
    assert response.status_code == 200
    assert re.search(rf'<option value="{re.escape(small_site.theme.slug)}"[^>]*selected', html)
    assert small_site.course.title in html


# --- path segments ------------------------------------------------------------------------------------


def _path_templates(site):
    templates = [
        "/attestations/verifier/{}/",
        "/{}/",
        "/en/{}/",
        "/comptes/password/reset/key/{}/",
        "/comptes/confirm-email/{}/",
    ]
    if site.course is not None:
        templates += [site.course.url + "{}/", site.quiz.url + "tentative/{}/resultat/"]
    if site.manifesto is not None:
        templates += [site.manifesto.url + "confirm/{}/", site.manifesto.url + "retrait/{}/"]
    if site.news_index is not None:
        templates += [site.news_index.url + "{}/", site.news_index.url + "flux/categorie/{}/"]
    return templates


path_segments = st.one_of(
    st.sampled_from(BAD_ESCAPES),
    percent_bytes.filter(bool),
    st.text(min_size=1, max_size=60).map(lambda text: quote(text, safe="")),
    st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ23456789abcdef_-", min_size=1, max_size=250),
    huge_text.map(lambda text: quote(text[:10_000], safe="")),
)


@FUZZ
@given(segment=path_segments)
@example(segment="%00")
@example(segment="%ed%a0%80")
def test_random_path_segments_are_answered_without_server_error(small_site, segment):
    client = Client(raise_request_exception=False)  # every route is tried, then all errors reported
    errors = []
    with rolled_back():
        before = RowCounts()
        for template in _path_templates(small_site):
            path = template.format(segment)
            requests = [("GET", client.get)]
            if "/confirm/" in template or "/retrait/" in template:
                # Forged confirmation and withdrawal links, sent as the buttons of those pages send them.
                requests.append(("POST", client.post))
            for method, send in requests:
                status = send(path).status_code
                if status >= 500:
                    errors.append(f"{method} {path[:200]} -> {status}")
        assert before.changed() == {}
    assert errors == []


@FUZZ
@given(segment=path_segments)
@example(segment="%00")
@example(segment="%ed%a0%80")
def test_a_learner_asking_for_a_random_certificate_code_gets_a_404(client, small_site, segment):
    from tests.factories.accounts import UserFactory

    with rolled_back():
        client.force_login(UserFactory(email="fuzz-learner@example.org"))
        for suffix in ("", "pdf/"):
            path = f"/mes-formations/attestations/{segment}/{suffix}"
            response = client.get(path)
            assert_not_server_error(response, path[:300])
            assert response.status_code == 404


@pytest.mark.parametrize("typed", ["a/b", "/", "ABCD/EFGH", "\x00", "ABC\x00DEF"])
def test_certificate_check_form_with_a_slash_or_nul_in_the_code_is_not_a_server_error(client, small_site, typed):
    """Found by the fuzzing: the typed code goes into reverse() (a "/" cannot) and into a query (PostgreSQL
    refuses NUL characters)."""
    url = require_reverse("courses:certificate_verify_form")
    response = client.get(url, {"code": typed}, follow=True)
    assert response.status_code in (200, 404)


@pytest.mark.parametrize("segment", ["%00", "ABC%00DEF"])
def test_public_certificate_check_with_a_nul_in_the_code_is_a_404_not_a_server_error(client, small_site, segment):
    """Found by the fuzzing (PostgreSQL: "PostgreSQL text fields cannot contain NUL (0x00) bytes")."""
    assert client.get(f"/attestations/verifier/{segment}/").status_code == 404


@pytest.mark.parametrize("suffix", ["", "pdf/"])
@pytest.mark.parametrize("segment", ["%00", "ABC%00DEF"])
def test_learners_certificate_pages_with_a_nul_in_the_code_are_a_404_not_a_server_error(
    client, small_site, segment, suffix
):
    """Found by the fuzzing (PostgreSQL: "PostgreSQL text fields cannot contain NUL (0x00) bytes")."""
    from tests.factories.accounts import UserFactory

    client.force_login(UserFactory(email="nul.certificat@example.org"))
    assert client.get(f"/mes-formations/attestations/{segment}/{suffix}").status_code == 404


def _public_urls(site):
    urls = ["/", "/recherche/", "/sitemap.xml", "/robots.txt", "/en/", reverse_or_none("account_login")]
    urls += [reverse_or_none("account_signup"), reverse_or_none("account_reset_password")]
    urls.append(reverse_or_none("courses:certificate_verify_form"))
    if site.course is not None:
        urls += [site.course_index.url, site.course.url, site.course.url + "commencer/", site.lesson.url]
        urls += [site.lesson.url + "terminer/", site.quiz.url, site.quiz.url + "commencer/"]
    if site.manifesto is not None:
        urls += [site.manifesto.url, site.manifesto.url + "signataires/", site.manifesto.url + "merci/"]
    if site.news_index is not None:
        urls += [site.news_index.url, site.news_index.url + "flux/", site.article.url]
    return [url for url in urls if url]


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"])
def test_unusual_http_methods_on_public_urls_are_never_a_server_error(small_site, method):
    client = Client(raise_request_exception=False)
    before = RowCounts()
    errors = []
    for url in _public_urls(small_site):
        response = client.generic(method, url, "first_name=Camille&consent=on")
        if response.status_code >= 500:
            errors.append(f"{method} {url} -> {response.status_code}")
    assert errors == []
    assert before.changed() == {}


# --- account forms (allauth under /comptes/ and the profile) ------------------------------------------

PASSWORD = "Un-mot-de-passe-solide-42"
NAMES = ["Camille", "Léa", "Jean-Éric", "O'Connor", "Nguyễn"]
ASSOCIATIONS = ["Les Amis du Web", "Foot & Loisirs", "Épicerie solidaire « La Grange »"]
INVALID_EMAILS = ["pas-une-adresse", "a@", "@example.org", "a@b@c", "x" * 250 + "@example.org", "a\x00@example.org", ""]


def email_field(valid_values=("fuzz.signup@example.org", "Fuzz.Majuscules@Example.org")):
    return field(st.sampled_from(list(valid_values)), INVALID_EMAILS)


def _field_max_length(name):
    """The member's field limits, from the model (the forms are built from it)."""
    return get_user_model()._meta.get_field(name).max_length


def signup_fields():
    password = field(st.just(PASSWORD), ["", "court", "12345678"], random=False)
    return st.fixed_dictionaries(
        {
            "first_name": text_field(NAMES, _field_max_length("first_name")),
            "last_name": text_field(["Durand", "Martin-Léger", "D'Artagnan"], _field_max_length("last_name")),
            "email": email_field(),
            "password1": password,
            "association": text_field(ASSOCIATIONS, _field_max_length("association"), required=False),
            "role": text_field(["Trésorière", "Bénévole"], _field_max_length("role"), required=False),
        }
    )


@FUZZ
@given(fields=signup_fields())
@example(
    fields={
        "first_name": (VALID, "O'Connor"),
        "last_name": (VALID, "Martin-Léger"),
        "email": (VALID, "fuzz.signup@example.org"),
        "password1": (VALID, PASSWORD),
        "association": (VALID, "Foot & Loisirs"),
        "role": (VALID, MISSING),
    }
)
@example(
    fields={
        "first_name": (VALID, "Léa"),
        "last_name": (INVALID, "   "),
        "email": (VALID, "fuzz.signup@example.org"),
        "password1": (VALID, PASSWORD),
        "association": (VALID, "Épicerie solidaire « La Grange »"),
        "role": (INVALID, "x" * 151),
    }
)
def test_signup_with_random_input_never_errors_nor_stores_an_invalid_account(client, small_site, open_forms, fields):
    url = require_reverse("account_signup")
    User = get_user_model()
    with rolled_back():
        before = User.objects.count()
        response = client.post(url, post_data(fields))
        assert_not_server_error(response, "sign-up")
        created = User.objects.count() - before
        assert created in (0, 1)
        if has_invalid(fields):
            assert created == 0
            assert response.status_code == 200
            assert_kept(text_of(response), fields, ["first_name", "last_name", "email", "association", "role"])
            assert PASSWORD not in text_of(response), "a password is sent back to the browser"
        elif all_valid(fields):
            assert created == 1, "valid sign-up data was refused"
        if created:
            user = User.objects.latest("pk")
            for name in ("first_name", "last_name", "association", "role"):
                assert_clean_text(getattr(user, name), _field_max_length(name))
            assert "\x00" not in user.email and "@" in user.email


def test_signup_with_an_address_longer_than_its_column_is_refused_with_a_message(client, small_site, open_forms):
    """Found by the fuzzing: allauth's e-mail field had no length limit (PostgreSQL: "value too long")."""
    email = "x" * 250 + "@example.org"
    fields = {"first_name": "Camille", "last_name": "Durand", "email": email}
    response = client.post(require_reverse("account_signup"), {**fields, "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email=email).exists()
    assert "au plus 254 caractères" in text_of(response)
    assert 'maxlength="254"' in text_of(response)


@FUZZ
@given(
    fields=st.fixed_dictionaries(
        {
            "login": field(st.sampled_from(["membre.fuzz@example.org", "MEMBRE.FUZZ@example.org"]), INVALID_EMAILS),
            "password": field(st.sampled_from(["correct horse battery staple", "mauvais-mot-de-passe-fuzz"]), [""]),
        }
    )
)
@example(fields={"login": (VALID, "MEMBRE.FUZZ@example.org"), "password": (VALID, "correct horse battery staple")})
@example(fields={"login": (VALID, "membre.fuzz@example.org"), "password": (VALID, "mauvais-mot-de-passe-fuzz")})
def test_login_with_random_input_never_errors_and_only_the_right_password_logs_in(
    client, small_site, open_forms, fields
):
    from tests.factories.accounts import PASSWORD as RIGHT_PASSWORD
    from tests.factories.accounts import UserFactory

    url = require_reverse("account_login")
    with rolled_back():
        UserFactory(email="membre.fuzz@example.org")
        client.logout()
        response = client.post(url, post_data(fields))
        assert_not_server_error(response, "log-in")
        logged_in = "_auth_user_id" in client.session
        should = all_valid(fields) and fields["password"][1] == RIGHT_PASSWORD
        assert logged_in == should
        if not logged_in:
            assert response.status_code == 200
            assert_kept(text_of(response), fields, ["login"])
            assert "mauvais-mot-de-passe-fuzz" not in text_of(response)
        client.logout()


# The reset form has no length limit: a very long address is merely unknown.
RESET_INVALID_EMAILS = [email for email in INVALID_EMAILS if len(email) < 254]


@FUZZ
@given(email=field(st.sampled_from(["membre.reset@example.org", "inconnu.reset@example.org"]), RESET_INVALID_EMAILS))
@example(email=(VALID, "membre.reset@example.org"))
@example(email=(INVALID, "pas-une-adresse"))
def test_password_reset_with_random_input_never_errors_and_mails_only_a_valid_address(
    client, small_site, open_forms, email
):
    from tests.factories.accounts import UserFactory

    url = require_reverse("account_reset_password")
    with rolled_back():
        UserFactory(email="membre.reset@example.org")
        before = RowCounts()
        response = client.post(url, post_data({"email": email}))
        assert_not_server_error(response, "password reset")
        assert before.changed() == {}
        if email[0] == INVALID:
            assert response.status_code == 200
            assert mail.outbox == []
        for message in mail.outbox:
            assert message.to == [email[1]]
        if email == (VALID, "membre.reset@example.org"):
            assert response.status_code == 302
            assert len(mail.outbox) == 1


@FUZZ
@given(
    fields=st.fixed_dictionaries(
        {
            "first_name": text_field(NAMES, _field_max_length("first_name")),
            "last_name": text_field(["Durand", "Martin-Léger"], _field_max_length("last_name")),
            "association": text_field(ASSOCIATIONS, _field_max_length("association"), required=False),
            "role": text_field(["Trésorière", "Bénévole"], _field_max_length("role"), required=False),
        }
    )
)
@example(
    fields={
        "first_name": (VALID, "Jean-Éric"),
        "last_name": (VALID, "Durand"),
        "association": (VALID, "Foot & Loisirs"),
        "role": (VALID, MISSING),
    }
)
@example(
    fields={
        "first_name": (INVALID, "Ca\x00mille"),
        "last_name": (VALID, "Martin-Léger"),
        "association": (VALID, "Épicerie solidaire « La Grange »"),
        "role": (VALID, "Trésorière"),
    }
)
def test_profile_form_keeps_valid_input_and_never_saves_invalid_input(client, small_site, open_forms, fields):
    from tests.factories.accounts import UserFactory

    url = require_reverse("account_profile")
    with rolled_back():
        user = UserFactory(email="profil.fuzz@example.org", first_name="Avant", last_name="Avant")
        saved = {name: getattr(user, name) for name in fields}
        client.force_login(user)
        response = client.post(url, post_data(fields))
        assert_not_server_error(response, "profile")
        user.refresh_from_db()
        now = {name: getattr(user, name) for name in fields}
        if has_invalid(fields):
            assert response.status_code == 200
            assert now == saved, "invalid profile input was stored"
            assert_kept(text_of(response), fields, list(fields))
        elif all_valid(fields):
            assert response.status_code == 302
            assert now == {name: ("" if value is MISSING else value) for name, (_kind, value) in fields.items()}
        for name, value in now.items():
            assert_clean_text(value, _field_max_length(name))
        client.logout()


@FUZZ
@given(password=st.one_of(any_text, st.just("correct horse battery staple"), st.just(MISSING)))
def test_account_deletion_with_a_random_password_never_errors_and_deletes_only_with_the_right_one(
    client, small_site, open_forms, password
):
    from tests.factories.accounts import PASSWORD as RIGHT_PASSWORD
    from tests.factories.accounts import UserFactory

    User = get_user_model()
    url = require_reverse("account_delete")
    with rolled_back():
        user = UserFactory(email="suppression.fuzz@example.org")
        client.force_login(user)
        response = client.post(url, {} if password is MISSING else {"password": password})
        assert_not_server_error(response, "account deletion")
        deleted = not User.objects.filter(pk=user.pk).exists()
        assert deleted == (password == RIGHT_PASSWORD)
        assert response.status_code == (302 if deleted else 200)
        client.logout()


# --- the manifesto signing form -------------------------------------------------------------------


def _manifesto(site):
    if site.manifesto is None:
        pytest.skip("no manifesto yet")
    return site.manifesto


PROFESSION = "<profession {}>"  # replaced by the pk of the manifesto's n-th profession


def signature_fields():
    from manifesto.forms import SignatureForm

    def limit(name):
        return SignatureForm.base_fields[name].max_length

    return st.fixed_dictionaries(
        {
            "first_name": text_field(NAMES, limit("first_name")),
            "last_name": text_field(["Durand", "Martin-Léger"], limit("last_name")),
            "email": email_field(("signe.fuzz@example.org", "Signe.Fuzz+manifeste@Example.org")),
            "profession": field(
                st.sampled_from([PROFESSION.format(0), PROFESSION.format(2)]), ["", "999999", "-1", "autre-chose"]
            ),
            "organisation": text_field(ASSOCIATIONS, limit("organisation"), required=False),
            "city": text_field(["Lyon", "Saint-Étienne"], limit("city"), required=False),
            "message": text_field(
                ["Je signe.", "Pour un web sobre & accessible."], limit("message"), required=False, one_line=False
            ),
            "skills": field(
                st.lists(st.sampled_from(["accessibility", "writing"]), unique=True),
                [["nope"], ["accessibility", "\x00"]],
                random=False,
                required=False,
            ),
            "consent": field(st.just("on"), [""], random=False),
            "is_public": field(st.sampled_from(["on", ""]), random=False, required=False),
        }
    )


def _with_professions(fields, manifesto):
    pks = [str(pk) for pk in manifesto.professions.order_by("sort_order").values_list("pk", flat=True)]
    kind, value = fields["profession"]
    if isinstance(value, str) and value.startswith("<profession "):
        value = pks[int(value.split()[1].rstrip(">"))]
    return {**fields, "profession": (kind, value)}


VALID_SIGNATURE = {
    "first_name": (VALID, "O'Connor"),
    "last_name": (VALID, "Martin-Léger"),
    "email": (VALID, "Signe.Fuzz+manifeste@Example.org"),
    "profession": (VALID, PROFESSION.format(2)),
    "organisation": (VALID, "Foot & Loisirs"),
    "city": (VALID, MISSING),
    "message": (VALID, "Pour un web sobre & accessible."),
    "skills": (VALID, ["accessibility", "writing"]),
    "consent": (VALID, "on"),
    "is_public": (VALID, "on"),
}


@FEW
@given(fields=signature_fields() if get_model_or_none("manifesto.Signature") else st.just({}))
@example(fields=VALID_SIGNATURE)
@example(fields={**VALID_SIGNATURE, "consent": (INVALID, MISSING)})
@example(fields={**VALID_SIGNATURE, "email": (INVALID, "pas-une-adresse"), "message": (INVALID, "x" * 5001)})
def test_signing_with_random_input_never_errors_nor_stores_an_invalid_signature(client, small_site, open_forms, fields):
    from manifesto.models import Signature
    from manifesto.tokens import form_started_value

    manifesto = _manifesto(small_site)
    fields = _with_professions(fields, manifesto)
    payload = {**post_data(fields), "website": "", "started": form_started_value()}
    with rolled_back():
        before = Signature.objects.count()
        response = client.post(manifesto.url, payload)
        assert_not_server_error(response, "manifesto signing")
        created = Signature.objects.count() - before
        assert created in (0, 1)
        if has_invalid(fields):
            assert created == 0, "an invalid signature was stored"
            assert response.status_code == 200
            html = text_of(response)
            assert_kept(html, fields, ["first_name", "last_name", "email", "organisation", "city", "message"])
            kind, profession = fields["profession"]
            if kind == VALID:
                assert re.search(rf'<option value="{profession}"[^>]*\bselected\b', html), "chosen profession lost"
            kind, skills = fields["skills"]
            if kind == VALID and skills is not MISSING:
                for skill in skills:
                    assert re.search(rf'<input[^>]*value="{skill}"[^>]*\bchecked\b', html), f"skill {skill} lost"
        elif all_valid(fields):
            assert created == 1, "a valid signature was refused"
        if created:
            signature = Signature.objects.latest("pk")
            for name in ("first_name", "last_name", "organisation", "city", "message", "role"):
                assert_clean_text(
                    getattr(signature, name),
                    Signature._meta.get_field(name).max_length or 10_000,
                    one_line=name != "message",
                )
            assert signature.confirmed_at is None, "a signature counts before its e-mail is confirmed"


@FEW
@given(body=st.one_of(st.sampled_from(BAD_ESCAPES), percent_bytes, raw_encoded), data=st.data())
def test_signing_with_a_mis_encoded_body_never_errors_nor_stores_anything(client, small_site, open_forms, body, data):
    from manifesto.models import Signature

    manifesto = _manifesto(small_site)
    name = data.draw(st.sampled_from(["first_name", "email", "profession", "message", "skills", "consent"]))
    raw = f"first_name=Camille&last_name=Durand&email=x%40example.org&consent=on&{name}={body}"
    with rolled_back():
        before = Signature.objects.count()
        response = client.post(manifesto.url, raw, content_type="application/x-www-form-urlencoded")
        assert_not_server_error(response, raw[:300])
        assert Signature.objects.count() == before


# --- learner POSTs: lesson done, quiz answers ---------------------------------------------------------


def _course(site):
    if site.course is None:
        pytest.skip("no courses yet")
    return site


random_form = st.dictionaries(
    st.one_of(st.sampled_from(["choice", "action", "csrfmiddlewaretoken", "next", "lesson"]), st.text(max_size=10)),
    st.one_of(any_text, st.lists(any_text, max_size=3)),
    max_size=4,
)


@FUZZ
@given(form=random_form, as_learner=st.booleans())
def test_marking_a_lesson_done_with_random_post_data_records_at_most_one_completion(
    client, small_site, open_forms, form, as_learner
):
    from courses.models import LessonCompletion
    from tests.factories.accounts import UserFactory

    lesson = _course(small_site).lesson
    url = lesson.url + "terminer/"
    with rolled_back():
        user = UserFactory(email="lecon.fuzz@example.org")
        client.logout()
        if as_learner:
            client.force_login(user)
        for _ in range(2):
            response = client.post(url, form)
            assert_not_server_error(response, f"lesson done {form!r}"[:300])
            assert response.status_code == 302
        assert LessonCompletion.objects.filter(user=user, lesson=lesson).count() == (1 if as_learner else 0)
        assert LessonCompletion.objects.exclude(user=user).count() == 0
        assert client.get(url).status_code == 405
        client.logout()


A_CHOICE = "<a choice of this question>"  # replaced by a real choice id at run time


@FUZZ
@given(form=random_form, number=st.integers(-3, 5), body=raw_encoded)
@example(form={"choice": A_CHOICE}, number=1, body="%00")
@example(form={"choice": A_CHOICE, "action": "review"}, number=2, body="%ff%fe")
def test_quiz_answers_with_random_input_never_error_and_store_only_valid_choices(
    client, small_site, open_forms, form, number, body
):
    from courses.models import QuestionKind, QuizAttempt
    from tests.factories.accounts import UserFactory

    quiz = _course(small_site).quiz
    questions = {question.pk: question for question in quiz.questions.prefetch_related("choices")}
    other_choices = [choice.pk for question in questions.values() for choice in question.choices.all()]
    with rolled_back():
        client.force_login(UserFactory(email="quiz.fuzz@example.org"))
        start = client.post(quiz.url + "commencer/")
        assert start.status_code == 302, start.status_code
        attempt = QuizAttempt.objects.get(user__email="quiz.fuzz@example.org", quiz=quiz)
        question_url = f"{quiz.url}tentative/{attempt.pk}/question/{number}/"
        form = {**form, "choice": form.get("choice", [str(pk) for pk in other_choices[:2]])}
        answered = None
        if form["choice"] == A_CHOICE:
            answered = questions[attempt.question_order[number - 1]]
            form["choice"] = str(answered.choices.all()[0].pk)
        for response in (
            client.post(question_url, form),
            client.post(question_url, f"choice={body}&action={body}", content_type="application/x-www-form-urlencoded"),
            client.get(question_url, {"choice": body}),
            client.post(f"{quiz.url}tentative/{attempt.pk}/recapitulatif/", form),
        ):
            assert_not_server_error(response, f"quiz {question_url} {form!r}"[:300])
        attempt.refresh_from_db()
        for question_id, picked in (attempt.answers or {}).items():
            question = questions[int(question_id)]
            allowed = {choice.pk for choice in question.choices.all()}
            assert picked and set(picked) <= allowed, f"stored answer {picked!r} is not a choice of the question"
            if question.kind != QuestionKind.MULTIPLE:
                assert len(picked) == 1
        if answered is not None:
            assert attempt.answers.get(str(answered.pk)) == [int(form["choice"])], "a valid answer was not kept"
        if attempt.submitted_at is not None:
            assert attempt.score is not None and 0 <= attempt.score <= 100
        assert QuizAttempt.objects.filter(quiz=quiz).count() == 1
        client.logout()


def test_a_re_displayed_form_escapes_what_the_visitor_typed(client, small_site, open_forms):
    """The kept value comes back escaped, never as markup (a reflected XSS would be a leak too)."""
    url = require_reverse("account_signup")
    response = client.post(url, {"first_name": MARKER, "last_name": "Durand", "email": "pas-une-adresse"})
    html = text_of(response)
    assert response.status_code == 200
    assert MARKER not in html
    assert f'value="{html_lib.escape(MARKER)}"' in html
