"""Certificates: issued once when a course is completed, rendered as a page and a PDF.

A certificate is issued by the receiver of ``courses.signals.course_completed`` when the course
issues certificates. ``Certificate.enrollment`` is one-to-one, so the database guarantees a single
certificate per learner and course, even if completion is checked twice at the same moment.
"""

import functools
import logging
import unicodedata
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Certificate

logger = logging.getLogger(__name__)


def issue_certificate(enrollment):
    """The enrollment's certificate, created if the course issues one (``None`` otherwise)."""
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing
    course = enrollment.course
    if not course.issues_certificate:
        return None
    user = enrollment.user
    for _try in range(3):  # a code collision is very unlikely; try again with a new code
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    enrollment=enrollment,
                    learner_name=(user.get_full_name() or user.email)[:300],
                    course_title=course.title[:255],
                )
        except IntegrityError:
            existing = Certificate.objects.filter(enrollment=enrollment).first()
            if existing is not None:
                return existing
    logger.error("Could not issue a certificate for enrollment %s", enrollment.pk)
    return None


def on_course_completed(sender, enrollment, **kwargs):
    issue_certificate(enrollment)


# --- PDF ------------------------------------------------------------------------------------------
#
# Fonts shipped with the project (courses/fonts/, see its README): Noto Sans for Latin with every
# diacritic, Vietnamese, Greek and Cyrillic; DejaVu Sans as the fallback for Arabic, Hebrew, Armenian,
# Georgian and symbols. Right-to-left lines are shaped by HarfBuzz; a character neither font has is
# written in Latin letters (anyascii), never as "?" nor as an empty box.

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
MAIN_FONT = ("notosans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
FALLBACK_FONT = ("dejavusans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
BRAND = (10, 92, 85)
INK = (27, 33, 36)
MUTED = (77, 90, 97)


@functools.cache
def _covered_codepoints():
    """Every character one of the shipped fonts can draw (read once per process)."""
    from fontTools.ttLib import TTFont

    covered = set()
    for _family, regular, _bold in (MAIN_FONT, FALLBACK_FONT):
        covered |= set(TTFont(FONTS_DIR / regular, lazy=True).getBestCmap())
    return frozenset(covered)


def drawable(text):
    """``text`` as the PDF can draw it: composed (NFC), each run of characters no shipped font has
    written in Latin letters ("李小龙" -> "LiXiaoLong", "देवी" -> "devi"), control characters dropped."""
    from anyascii import anyascii

    covered = _covered_codepoints()
    out, missing = [], []
    for char in unicodedata.normalize("NFC", str(text)):
        if char in "\t\n\r":
            char = " "
        elif unicodedata.category(char) in ("Cc", "Cf") and char not in "\u200c\u200d":
            continue
        if ord(char) in covered:
            if missing:
                out.append(anyascii("".join(missing)))
                missing = []
            out.append(char)
        else:
            missing.append(char)
    if missing:
        out.append(anyascii("".join(missing)))
    return "".join(out)


# Scripts whose letters change shape or order with their neighbours (Indic, Myanmar): shaped too.
_COMPLEX_SCRIPTS = ((0x0900, 0x0DFF), (0x1000, 0x109F), (0xA8E0, 0xA8FF))


def _needs_shaping(text):
    """Right-to-left text (Arabic, Hebrew…) and complex scripts (Devanagari…) are shaped by HarfBuzz;
    other text is not, so that every glyph maps back to its character (HarfBuzz splits some Vietnamese
    letters into a letter and a mark that text extraction can no longer read)."""
    return any(
        unicodedata.bidirectional(char) in ("R", "AL", "AN")
        or any(low <= ord(char) <= high for low, high in _COMPLEX_SCRIPTS)
        for char in text
    )


def _text(pdf, text, size, style="", color=INK, y=None, x=20, width=None, height=None, align="C", shrink=False):
    """One line of ``text`` (shrunk to fit ``width`` when ``shrink``), or wrapped lines when it is longer."""
    text = drawable(text)
    width = width if width is not None else pdf.w - 2 * x
    pdf.set_text_shaping(_needs_shaping(text))
    pdf.set_text_color(*color)
    pdf.set_font(MAIN_FONT[0], style, size)
    if shrink:
        while size > 12 and pdf.get_string_width(text) > width:
            size -= 1
            pdf.set_font(MAIN_FONT[0], style, size)
    height = height or size * 0.5
    pdf.set_xy(x, y if y is not None else pdf.get_y())
    pdf.multi_cell(width, height, text, align=align, new_x="LMARGIN", new_y="NEXT")


def _qr_code(pdf, data, x, y, size):
    """A vector QR code of ``data`` (segno, pure Python) in a ``size`` mm square at (x, y)."""
    import segno

    qr = segno.make(data, error="m", micro=False)
    rows = list(qr.matrix_iter(border=2))
    module = size / len(rows)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(*INK)
    for row_index, row in enumerate(rows):
        start = None
        for col_index, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                pdf.rect(x + start * module, y + row_index * module, (col_index - start) * module, module, style="F")
                start = None


def _logo_path():
    from django.contrib.staticfiles import finders

    return finders.find("img/logo.svg")


def certificate_pdf(certificate, organisation_name, verify_url):
    """The attestation as PDF bytes: A4 landscape, the association's logo, the learner's name in any
    script, the course, its duration, the date, the code and a QR code to the public verification page."""
    from fpdf import FPDF

    from .templatetags.courses_tags import duration

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    for family, regular, bold in (MAIN_FONT, FALLBACK_FONT):
        pdf.add_font(family, "", FONTS_DIR / regular)
        pdf.add_font(family, "B", FONTS_DIR / bold)
    pdf.set_fallback_fonts([FALLBACK_FONT[0]], exact_match=False)
    title = _("Certificate of completion")
    pdf.set_title(f"{title} – {certificate.learner_name} – {certificate.course_title}")
    pdf.set_author(organisation_name)
    pdf.set_subject(certificate.course_title)
    pdf.set_creator(organisation_name)
    pdf.set_lang(get_language() or "fr")
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()

    pdf.set_draw_color(*BRAND)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11.5, 11.5, pdf.w - 23, pdf.h - 23)

    logo = _logo_path()
    if logo:
        pdf.image(logo, x=(pdf.w - 16) / 2, y=18, w=16, h=16)
    _text(pdf, organisation_name, 14, "B", BRAND, y=37)
    _text(pdf, title, 30, "B", BRAND, y=50, height=14)

    _text(pdf, _("This certifies that"), 14, y=72)
    _text(pdf, certificate.learner_name, 28, "B", y=81, height=15, x=24, shrink=True)
    _text(pdf, _("has completed the course"), 14, y=102)
    _text(pdf, certificate.course_title, 20, "B", BRAND, y=111, height=10, x=30, shrink=True)

    course = getattr(certificate.enrollment, "course", None)
    minutes = getattr(course, "duration_minutes", 0) or 0
    issued = formats.date_format(certificate.issued_at, "DATE_FORMAT")
    details = [_("Issued on %(date)s") % {"date": issued}]
    if minutes:
        details.insert(0, _("Duration: %(duration)s") % {"duration": duration(minutes)})
    _text(pdf, "  ·  ".join(details), 13, y=pdf.get_y() + 6, color=MUTED)

    qr_size = 34
    qr_x, qr_y = pdf.w - 24 - qr_size, pdf.h - 22 - qr_size
    _qr_code(pdf, verify_url, qr_x, qr_y, qr_size)
    pdf.link(qr_x, qr_y, qr_size, qr_size, verify_url)
    text_width = qr_x - 6 - 24
    _text(
        pdf,
        _("Certificate code: %(code)s") % {"code": certificate.code},
        12,
        "B",
        y=qr_y + 8,
        x=24,
        width=text_width,
        align="L",
    )
    _text(
        pdf,
        _("Check it at %(url)s") % {"url": verify_url},
        10,
        color=MUTED,
        y=pdf.get_y() + 1,
        x=24,
        width=text_width,
        align="L",
    )
    _text(pdf, _("or scan the QR code."), 10, color=MUTED, x=24, width=text_width, align="L")
    return bytes(pdf.output())
