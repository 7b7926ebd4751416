"""Staff tools: the signature list, filters, moderation actions, export and the per-day table."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from openpyxl import load_workbook

from home.site_url import apply_site_url
from manifesto.models import ManifestoPage, Signature
from manifesto.wagtail_hooks import neutralise_formula
from tests.factories.manifesto import SignatureFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/manifesto/signature/"


def staff(group_name=None, email="moderation@example.org", superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(email=email, password="x-correct-horse")
    user = User.objects.create_user(email=email, password="x-correct-horse")
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def moderator(client):
    user = staff("Modération")
    client.force_login(user)
    return user


def test_moderation_group_can_list_search_and_filter_signatures(client, manifesto, moderator):
    SignatureFactory(manifesto=manifesto, last_name="Confirmee", confirmed=True)
    SignatureFactory(manifesto=manifesto, last_name="Enattente")
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Confirmee" in html and "Enattente" in html
    html = client.get(LIST, {"status": "pending"}).content.decode()
    assert "Enattente" in html and "Confirmee" not in html
    html = client.get(LIST, {"q": "Confirmee"}).content.decode()
    assert "Confirmee" in html and "Enattente" not in html
    profession = manifesto.professions.first()
    assert client.get(LIST, {"profession": profession.pk, "created_at_after": "2020-01-01"}).status_code == 200


def test_editors_without_the_permission_cannot_see_signatures(client, manifesto):
    SignatureFactory(manifesto=manifesto, last_name="Secrete", confirmed=True)
    client.force_login(staff("Rédaction", email="redaction@example.org"))
    response = client.get(LIST)
    assert response.status_code in (302, 403)
    assert "Secrete" not in client.get("/admin/").content.decode()


def test_export_contains_signature_dates_and_neutralises_formulas(client, manifesto, moderator):
    SignatureFactory(
        manifesto=manifesto,
        first_name='=HYPERLINK("http://evil.example","clic")',
        last_name="+33 6 12",
        organisation="@SUM(A1)",
        city="-2+3",
        message="Normal",
        confirmed=True,
    )
    response = client.get(LIST, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    header, row = rows[0], rows[1]
    assert "Date de signature" in header and "Date de confirmation" in header
    values = dict(zip(header, row, strict=True))
    assert values["Prénom"].startswith("'=HYPERLINK")
    assert values["Nom"] == "'+33 6 12"
    assert values["Organisation"] == "'@SUM(A1)"
    assert values["Ville"] == "'-2+3"
    assert values["Date de signature"]

    response = client.get(LIST, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header, row = cells[0], cells[1]
    values = dict(zip(header, row, strict=True))
    assert values["Prénom"].startswith("'=")
    assert values["Organisation"] == "'@SUM(A1)"
    assert values["Date de signature"] is not None
    assert not any(isinstance(value, str) and value.startswith(("=", "+", "-", "@")) for value in row)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("ok", "ok"),
        (3, 3),
        (None, None),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def test_bulk_hide_and_show_again(client, manifesto, moderator):
    signature = SignatureFactory(manifesto=manifesto, last_name="Amasquer", confirmed=True)
    url = f"/admin/bulk/manifesto/signature/hide_signatures/?id={signature.pk}&next={LIST}"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert Signature.objects.get().is_hidden
    assert "Amasquer" not in client.get("/manifeste/signataires/").content.decode()
    assert ManifestoPage.objects.get().signature_count == 1  # still counted
    client.post(f"/admin/bulk/manifesto/signature/show_signatures/?id={signature.pk}")
    assert not Signature.objects.get().is_hidden


def test_bulk_resend_confirmation_skips_confirmed_signatures(client, manifesto, moderator):
    pending = SignatureFactory(manifesto=manifesto)
    confirmed = SignatureFactory(manifesto=manifesto, confirmed=True)
    mail.outbox.clear()
    client.post(f"/admin/bulk/manifesto/signature/resend_confirmation/?id={pending.pk}&id={confirmed.pk}")
    assert [message.to for message in mail.outbox] == [[pending.email]]
    assert "/confirm/" in mail.outbox[0].body


def test_deleting_a_confirmed_signature_lowers_the_count(client, manifesto, moderator):
    signatures = SignatureFactory.create_batch(3, manifesto=manifesto, confirmed=True)
    ids = "&".join(f"id={signature.pk}" for signature in signatures[:2])
    response = client.post(f"/admin/bulk/snippets/manifesto/signature/delete/?{ids}")
    if response.status_code == 404:  # URL layout of the snippet bulk delete
        response = client.post(f"/admin/bulk/manifesto/signature/delete/?{ids}")
    assert Signature.objects.count() == 1
    assert ManifestoPage.objects.get().signature_count == 1


def test_edit_form_lets_moderators_hide_a_signature(client, manifesto, moderator):
    signature = SignatureFactory(manifesto=manifesto, confirmed=True)
    url = f"{LIST}edit/{signature.pk}/"
    assert client.get(url).status_code == 200


def test_dashboard_shows_confirmed_signatures_per_day(client, manifesto, moderator):
    SignatureFactory.create_batch(2, manifesto=manifesto, confirmed=True)
    SignatureFactory(manifesto=manifesto)
    html = client.get("/admin/").content.decode()
    assert "Signatures confirmées (30 derniers jours)" in html
    assert "<td>2</td>" in html


def test_superuser_sees_everything(client, manifesto):
    client.force_login(staff(superuser=True, email="admin@example.org"))
    SignatureFactory(manifesto=manifesto, confirmed=True)
    assert client.get(LIST).status_code == 200
    signature = Signature.objects.get()
    response = client.get(f"{LIST}inspect/{signature.pk}/")
    assert response.status_code == 200
    assert signature.secret not in response.content.decode()


def test_signature_list_has_one_status_column_and_short_bulk_labels(client, manifesto, moderator):
    SignatureFactory(manifesto=manifesto, last_name="Publique", confirmed=True, is_public=True)
    html = client.get(LIST).content.decode()
    assert 'class="listing wa-compact-table"' in html
    assert "Confirmée, publique" in html
    assert ">Masquée<" not in html.replace("\n", "").replace(" ", "")  # no separate hidden column
    assert "Renvoyer la confirmation" in html and "Renvoyer l'e-mail de confirmation" not in html


def test_resent_confirmation_links_to_the_site_address_whatever_host_the_admin_is_reached_by(
    client, manifesto, moderator, settings
):
    apply_site_url("https://asso.example.org")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "interne.example.org"]
    pending = SignatureFactory(manifesto=manifesto)
    mail.outbox.clear()
    client.post(
        f"/admin/bulk/manifesto/signature/resend_confirmation/?id={pending.pk}", HTTP_HOST="interne.example.org"
    )
    body = mail.outbox[0].body
    assert "https://asso.example.org/manifeste/" in body
    assert "interne.example.org" not in body and "localhost" not in body
