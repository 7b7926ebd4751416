"""One export path for every list that staff download (course reports, signatures, help requests,
taxonomies): spreadsheets that are safe to open and read well in French Excel.

Every cell goes through :func:`export_cell`:

- text that a spreadsheet could run as a formula (``=HYPERLINK(…)``, ``+1``, ``-2+3``, ``@SUM``, a leading
  tab or carriage return) starts with a quote, so it is shown as text. Wagtail only guards XLSX cells
  starting with "=", and CSV not at all;
- characters an XLSX file cannot hold (control characters: openpyxl refuses them and the download
  answered 500) and the invisible bidirectional controls that make a cell read backwards are removed;
- dates and times are in the site's time zone (Europe/Paris), to the second, without microseconds;
- booleans read "Oui" / "Non", an empty value is an empty cell.

CSV files start with a UTF-8 byte order mark and use ";" between cells and "," in decimal numbers:
what Excel expects on a French computer (without the mark it shows "PrÃ©nom", with "," it puts the
whole line in the first column).
"""

import csv
import datetime
import decimal
import re

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from wagtail.snippets.views.snippets import IndexView

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Control characters other than tab, line feed and carriage return (XML 1.0 cannot hold C0 ones), C1
# controls, lone surrogates and the two non-characters; bidirectional embeddings, overrides and isolates.
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
# An XLSX cell holds at most this many characters (Excel "repairs" the file beyond).
XLSX_CELL_MAX_LENGTH = 32767
CSV_DELIMITER = ";"
BYTE_ORDER_MARK = "\ufeff"
FORMAT_CSV = "csv"
FORMAT_XLSX = "xlsx"


def neutralise_formula(value):
    """A cell a spreadsheet could run as a formula starts with a quote, so it is shown as text (spaces
    before the "=" do not make it safe)."""
    if isinstance(value, str) and (value.startswith(FORMULA_PREFIXES) or value.lstrip().startswith(FORMULA_PREFIXES)):
        return "'" + value
    return value


def clean_text(value):
    return UNSAFE_CHARACTERS.sub("", value)


def local_datetime(value):
    """``value`` in the site's time zone, naive (XLSX has no time zones), without microseconds."""
    if timezone.is_aware(value):
        value = timezone.make_naive(value)
    return value.replace(microsecond=0)


def export_cell(value, export_format):
    """What one cell of a CSV or XLSX export holds for ``value``."""
    if value is None:
        return "" if export_format == FORMAT_CSV else None
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        value = local_datetime(value)
        return value.strftime("%Y-%m-%d %H:%M:%S") if export_format == FORMAT_CSV else value
    if isinstance(value, datetime.date):
        return value.isoformat() if export_format == FORMAT_CSV else value
    if isinstance(value, datetime.time):
        value = value.replace(microsecond=0, tzinfo=None)
        return value.isoformat() if export_format == FORMAT_CSV else value
    if isinstance(value, int):
        return str(value) if export_format == FORMAT_CSV else value
    if isinstance(value, float | decimal.Decimal):
        return str(value).replace(".", ",") if export_format == FORMAT_CSV else value
    if isinstance(value, list | tuple | set | frozenset):
        value = ", ".join(force_str(item) for item in value)
    elif not isinstance(value, str) or isinstance(value, Promise):
        value = force_str(value)
    value = neutralise_formula(clean_text(value))
    if export_format == FORMAT_XLSX:
        value = value[:XLSX_CELL_MAX_LENGTH]
    return value


class _Echo:
    """A file-like object whose ``write`` hands the line back, to stream a CSV file."""

    def write(self, value):
        return value.encode("utf-8")


class SafeExportMixin:
    """For any Wagtail listing with ``list_export`` (``IndexView``, ``ReportView``): every cell and
    heading goes through :func:`export_cell`, and the CSV is written for French Excel."""

    def preprocess_field_value(self, field, value, export_format):
        if export_format in self.custom_field_preprocess.get(field, {}):
            value = super().preprocess_field_value(field, value, export_format)
        return export_cell(value, export_format)

    def get_heading(self, queryset, field):
        return export_cell(super().get_heading(queryset, field), FORMAT_CSV)

    def stream_csv(self, queryset):
        writer = csv.DictWriter(_Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
        yield BYTE_ORDER_MARK.encode("utf-8")
        yield writer.writerow({field: self.get_heading(queryset, field) for field in self.list_export})
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(self.stream_csv(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response


# The name the first version of this module used.
FormulaSafeExportMixin = SafeExportMixin


class SafeExportIndexView(SafeExportMixin, IndexView):
    """The snippet listing every ``SnippetViewSet`` with ``list_export`` uses (``index_view_class``)."""
