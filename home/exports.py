"""Spreadsheet exports that are safe to open: no cell runs as a formula."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A cell a spreadsheet could run as a formula (``=HYPERLINK(…)``, ``+1``, ``@SUM``…) starts with
    a quote, so it is shown as text. Wagtail's export only guards XLSX cells starting with "=", and
    CSV not at all."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For a Wagtail ``IndexView``: every exported cell goes through :func:`neutralise_formula`."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))
