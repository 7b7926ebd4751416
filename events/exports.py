"""Spreadsheets of participants that open cleanly in LibreOffice and Excel.

On top of :class:`home.exports.FormulaSafeExportMixin` (no cell runs as a formula): dates and times in
Paris time without microseconds, "Oui" / "Non" for yes-or-no columns, a UTF-8 byte order mark at the
start of the CSV (so Excel reads the accents right), and the control characters XLSX cannot hold
removed from text.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from home.exports import FormulaSafeExportMixin

CSV_BOM = "\ufeff"


def local_datetime(value):
    """The Paris wall-clock time, naive, to the second."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0, tzinfo=None)


def local_datetime_text(value):
    return local_datetime(value).strftime("%d/%m/%Y %H:%M")


def yes_no(value):
    return _("Yes") if value else _("No")


class ParticipantsExportMixin(FormulaSafeExportMixin):
    """For a Wagtail ``IndexView`` with ``list_export``."""

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, bool):
            return yes_no(value)
        if isinstance(value, datetime.datetime):
            return local_datetime(value) if export_format == self.FORMAT_XLSX else local_datetime_text(value)
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_XLSX and isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return value

    def stream_csv(self, queryset):
        yield CSV_BOM
        yield from super().stream_csv(queryset)
