"""Every list staff download goes through one export path (home/exports.py): a row of hostile values
(formulas, control and bidi characters, microseconds) comes out inert in CSV and XLSX, the XLSX
download never answers 500, times are in Paris time to the second, booleans read "Oui"/"Non", and the
CSV opens in French Excel (UTF-8 byte order mark, ";" between cells)."""

import csv
import datetime
import io
import re
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import Enrollment
from home.exports import export_cell, neutralise_formula
from manifesto.models import Signature
from tests.factories.accounts import UserFactory
from tests.factories.community import HelpRequestFactory, HelpRequestPageFactory
from tests.factories.courses import CourseIndexPageFactory, build_course
from tests.factories.manifesto import ManifestoPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# 13:05:09.123456 UTC on 1 July is 15:05:09 in Paris (summer time).
WHEN = datetime.datetime(2026, 7, 1, 13, 5, 9, 123456, tzinfo=datetime.UTC)
PARIS_WHEN = "2026-07-01 15:05:09"
FORMULA = '=HYPERLINK("http://evil.example","clic")'
HOSTILE = {
    "formula": FORMULA,
    "control": "\x0bAna\x1b\x07",  # a vertical tab, an escape and a bell: openpyxl refused the whole file
    "plus": "+33 6 12 34",
    "at": "@SUM(A1:A9)",
    "minus": "-2+3",
    "spaced": "  =1+1",
    "tab": "\t=1+1",
    "bidi": "Lyon\u202egpj.exe",
}
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def moderator():
    user = UserFactory(email="moderation@example.org")
    user.groups.add(Group.objects.get(name="Modération"))
    return user


def assert_inert(value):
    if isinstance(value, str):
        assert not UNSAFE.search(value), repr(value)
        assert not value.lstrip().startswith(("=", "+", "-", "@")), repr(value)
        assert not value.startswith(("\t", "\r")), repr(value)


def download_csv(client, url):
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")  # French Excel reads UTF-8 only after this mark
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    for row in rows:
        for value in row:
            assert_inert(value)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def download_xlsx(client, url):
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    for row in rows:
        for value in row:
            assert_inert(value)
            if isinstance(value, datetime.datetime):
                assert value.microsecond == 0
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_course_learners_report(client, home_page):
    course = build_course(CourseIndexPageFactory(parent=home_page), lessons=2, quizzes=0)
    learner = UserFactory(first_name=HOSTILE["formula"], last_name=HOSTILE["control"], email="ana@example.org")
    Enrollment.objects.create(user=learner, course=course)
    Enrollment.objects.filter(user=learner).update(started_at=WHEN)
    client.force_login(moderator())
    url = f"/admin/reports/formations/{course.pk}/apprenants/"

    (row,) = download_csv(client, url)
    assert row["Apprenant"] == "'" + FORMULA + " Ana"
    assert row["Commencée le"] == PARIS_WHEN
    (row,) = download_xlsx(client, url)
    assert row["Apprenant"] == "'" + FORMULA + " Ana"
    assert row["Commencée le"] == datetime.datetime(2026, 7, 1, 15, 5, 9)

    # The courses report: the course title is editors' text, the median a decimal number.
    course.title = HOSTILE["at"]
    course.save_revision().publish()
    (row,) = download_csv(client, "/admin/reports/formations/")
    assert row["Formation"] == "'" + HOSTILE["at"]
    download_xlsx(client, "/admin/reports/formations/")


def test_signatures(client, home_page):
    manifesto = ManifestoPageFactory(parent=home_page)
    signature = SignatureFactory(
        manifesto=manifesto,
        first_name=HOSTILE["control"] + HOSTILE["formula"],
        last_name=HOSTILE["plus"],
        organisation=HOSTILE["tab"],
        city=HOSTILE["bidi"],
        message=HOSTILE["spaced"],
        role=HOSTILE["minus"],
        is_public=True,
        confirmed=True,
    )
    Signature.objects.filter(pk=signature.pk).update(created_at=WHEN, is_hidden=False)
    client.force_login(moderator())
    url = "/admin/snippets/manifesto/signature/"

    (row,) = download_csv(client, url)
    assert row["Prénom"] == "Ana" + FORMULA
    assert row["Nom"] == "'" + HOSTILE["plus"]
    assert row["Ville"] == "Lyongpj.exe"
    assert row["Date de signature"] == PARIS_WHEN
    assert row["Date de confirmation"].count(":") == 2 and "." not in row["Date de confirmation"]
    assert row["Affiché sur la liste publique"] == "Oui"
    assert row["Masqué par la modération"] == "Non"
    (row,) = download_xlsx(client, url)  # answered 500 as soon as one name held a control character
    assert row["Prénom"] == "Ana" + FORMULA
    assert row["Date de signature"] == datetime.datetime(2026, 7, 1, 15, 5, 9)
    assert row["Affiché sur la liste publique"] == "Oui"


def test_help_requests(client, home_page):
    page = HelpRequestPageFactory(parent=home_page)
    request = HelpRequestFactory(
        page=page,
        association=HOSTILE["formula"],
        city=HOSTILE["control"],
        contact_name=HOSTILE["at"],
        contact_phone=HOSTILE["plus"],
        need=HOSTILE["bidi"],
        staff_notes=HOSTILE["tab"],
        confirmed_at=WHEN,
    )
    type(request).objects.filter(pk=request.pk).update(created_at=WHEN)
    client.force_login(moderator())
    url = "/admin/snippets/community/helprequest/"

    (row,) = download_csv(client, url)
    assert row["Association"] == "'" + FORMULA
    assert row["Ville"] == "Ana"
    assert PARIS_WHEN in row.values()
    (row,) = download_xlsx(client, url)
    assert row["Association"] == "'" + FORMULA
    assert datetime.datetime(2026, 7, 1, 15, 5, 9) in row.values()


@pytest.mark.parametrize(
    ("value", "csv_cell", "xlsx_cell"),
    [
        (True, "Oui", "Oui"),
        (False, "Non", "Non"),
        (None, "", None),
        (3, "3", 3),
        (-3, "-3", -3),  # a number stays a number
        (2.5, "2,5", 2.5),
        (["a", "=b"], "a, =b", "a, =b"),
        ("=1+1", "'=1+1", "'=1+1"),
        ("\x1b[31mrouge", "[31mrouge", "[31mrouge"),
        (WHEN, PARIS_WHEN, datetime.datetime(2026, 7, 1, 15, 5, 9)),
    ],
)
def test_export_cell(value, csv_cell, xlsx_cell):
    with timezone.override(PARIS):
        assert export_cell(value, "csv") == csv_cell
        assert export_cell(value, "xlsx") == xlsx_cell


def test_neutralise_formula_sees_through_leading_spaces():
    assert neutralise_formula("  =1+1") == "'  =1+1"
    assert neutralise_formula("Lyon") == "Lyon"
