"""Certificates: issued once when a course is completed, rendered as a page and a PDF.

A certificate is issued by the receiver of ``courses.signals.course_completed`` when the course
issues certificates. ``Certificate.enrollment`` is one-to-one, so the database guarantees a single
certificate per learner and course, even if completion is checked twice at the same moment.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import formats
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

_LATIN1_REPLACEMENTS = {
    "\u2019": "'",
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u0153": "oe",
    "\u0152": "OE",
    "\u202f": " ",
    "\u2009": " ",
}


def latin1(text):
    """``text`` in the Latin-1 range of fpdf2's core fonts (French accents are in it)."""
    text = "".join(_LATIN1_REPLACEMENTS.get(char, char) for char in str(text))
    return text.encode("latin-1", "replace").decode("latin-1")


def certificate_pdf(certificate, organisation_name, verify_url):
    """The certificate as PDF bytes (A4 landscape, core Helvetica font: nothing to ship)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_title(latin1(_("Certificate of completion")))
    pdf.set_author(latin1(organisation_name))
    pdf.set_creator("Webassoc")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    width = pdf.w - 40

    pdf.set_draw_color(10, 92, 85)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    pdf.set_text_color(10, 92, 85)
    pdf.set_font("Helvetica", "B", 16)
    pdf.set_xy(20, 28)
    pdf.cell(width, 10, latin1(organisation_name), align="C")

    pdf.set_font("Helvetica", "B", 32)
    pdf.set_xy(20, 48)
    pdf.cell(width, 16, latin1(_("Certificate of completion")), align="C")

    pdf.set_text_color(27, 33, 36)
    pdf.set_font("Helvetica", "", 15)
    pdf.set_xy(20, 78)
    pdf.cell(width, 10, latin1(_("This certifies that")), align="C")
    pdf.set_font("Helvetica", "B", 24)
    pdf.set_xy(20, 90)
    pdf.cell(width, 14, latin1(certificate.learner_name), align="C")
    pdf.set_font("Helvetica", "", 15)
    pdf.set_xy(20, 110)
    pdf.cell(width, 10, latin1(_("has completed the course")), align="C")
    pdf.set_font("Helvetica", "B", 20)
    pdf.set_xy(20, 122)
    pdf.multi_cell(width, 11, latin1(certificate.course_title), align="C")

    pdf.set_font("Helvetica", "", 13)
    pdf.set_xy(20, 150)
    issued = formats.date_format(certificate.issued_at, "DATE_FORMAT")
    pdf.cell(width, 8, latin1(_("on %(date)s") % {"date": issued}), align="C")

    pdf.set_text_color(77, 90, 97)
    pdf.set_font("Helvetica", "", 11)
    pdf.set_xy(20, 172)
    pdf.cell(width, 6, latin1(_("Certificate code: %(code)s") % {"code": certificate.code}), align="C")
    pdf.set_xy(20, 179)
    pdf.cell(width, 6, latin1(_("Check it at %(url)s") % {"url": verify_url}), align="C")
    return bytes(pdf.output())
