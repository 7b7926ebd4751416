"""Spreadsheets of participants: ``home.exports.SafeExportMixin`` (formula-safe cells, Paris time to
the second, "Oui" / "Non", a UTF-8 byte order mark and ";" for French Excel, no character XLSX cannot
hold), written in the language of the request.
"""

from django.utils import translation

from home.exports import SafeExportMixin


class ParticipantsExportMixin(SafeExportMixin):
    """For a Wagtail ``IndexView`` with ``list_export``."""

    def stream_csv(self, queryset):
        """The CSV is streamed after the view has returned, when the admin's language is no longer
        active: headings, statuses and "Oui" / "Non" are written in the language of the request."""
        language = translation.get_language()
        rows = super().stream_csv(queryset)

        def stream():
            with translation.override(language):
                yield from rows

        return stream()
