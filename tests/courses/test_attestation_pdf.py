"""The PDF attestation: any learner's name in its own script, logo, duration, date, code and QR code."""

import io
import re

import pytest
from django.utils import timezone
from pdfminer.high_level import extract_text
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1

from courses.certificates import certificate_pdf, drawable
from courses.models import Certificate, Enrollment
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

VERIFY_URL = "https://webassoc.example/certificats/verifier/ABCD2345EFGH/"


def render(course, learner_name, course_title=None):
    enrollment = Enrollment.objects.create(user=UserFactory(), course=course, completed_at=timezone.now())
    certificate = Certificate.objects.create(
        enrollment=enrollment, learner_name=learner_name, course_title=course_title or course.title
    )
    return certificate, certificate_pdf(certificate, "Webassoc", VERIFY_URL)


def text_of(pdf):
    return extract_text(io.BytesIO(pdf))


@pytest.mark.parametrize(
    "name",
    ["Łucja Wiśniewska", "Nguyễn Thị Minh Khai", "Şahin Çağlar", "Αικατερίνη Παπαδοπούλου", "Иван Петрович Сидоров"],
)
def test_left_to_right_names_are_in_the_pdf_exactly_as_typed(course, name):
    _certificate, pdf = render(course, name)
    text = text_of(pdf)
    assert name in text
    assert "?" not in text and "(cid:" not in text


def test_the_name_from_the_bug_report_is_no_longer_question_marks(course):
    # Issue 14: with a core font this printed as "?ucja Wi?niewska-Nguy?n ?ahin".
    name = "Łucja Wiśniewska-Nguyễn Şahin"
    _certificate, pdf = render(course, name, course_title="Ελληνικά για συλλόγους")
    text = text_of(pdf)
    assert name in text and "Ελληνικά για συλλόγους" in text
    assert "?" not in text


def test_an_arabic_name_is_drawn_from_right_to_left_and_reads_back_letter_for_letter(course):
    name = "فاطمة الزهراء"
    _certificate, pdf = render(course, name)
    text = text_of(pdf)
    assert "?" not in text and "(cid:" not in text
    # A PDF stores right-to-left text in the order it is drawn: the line read backwards is the name.
    line = next(line for line in text.splitlines() if re.search("[\u0600-\u06ff]", line))
    assert line.strip()[::-1] == name


def test_a_script_the_fonts_lack_is_written_in_latin_letters_never_as_question_marks(course):
    _certificate, pdf = render(course, "李小龙 Łucja")
    text = text_of(pdf)
    assert "LiXiaoLong Łucja" in text
    assert "?" not in text


def test_decomposed_accents_and_control_characters_are_normalised():
    assert drawable("Ze\u0301lie\tMu\u0308ller\x00") == "Zélie Müller"


def test_pdf_embeds_the_shipped_fonts_and_no_core_font(course):
    _certificate, pdf = render(course, "Şahin Çağlar")
    assert b"/FontFile2" in pdf
    assert b"NotoSans" in pdf
    assert b"/Helvetica" not in pdf


def test_pdf_says_course_duration_date_code_and_links_to_the_verification_page(course):
    from courses.models import CoursePage

    CoursePage.objects.filter(pk=course.pk).update(duration_minutes=95)
    course.refresh_from_db()
    certificate, pdf = render(course, "Zoé Lemaître")
    text = " ".join(text_of(pdf).split())  # the no-break space before ":" reads back as a space
    assert "Attestation de réussite" in text
    assert course.title in text
    assert "Durée : 1 h 35 min" in text
    assert f"Délivrée le {certificate.issued_at.day} " in text
    assert certificate.code in text and VERIFY_URL in text
    # The QR code is also a link to the public verification page.
    page = next(PDFPage.get_pages(io.BytesIO(pdf)))
    uris = [resolve1(resolve1(annotation)["A"])["URI"] for annotation in page.annots]
    assert VERIFY_URL.encode() in uris


def test_a_long_name_and_title_stay_on_the_page(course):
    name = "Marie-Héloïse Anne-Sophie de La Tour d'Auvergne-Łukasiewicz-Nguyễn Thị Minh"
    title = "Une formation au titre très long " * 4
    _certificate, pdf = render(course, name, course_title=title.strip())
    text = " ".join(text_of(pdf).split())
    assert name in text
    assert len(list(PDFPage.get_pages(io.BytesIO(pdf)))) == 1
