"""The ``<id:…>`` path converter for every address that carries a database id.

Django's ``<int:…>`` accepts any number of digits: ``/admin/reports/formations/99999999999999999999/``
reached the view, and SQLite cannot bind a number beyond 64 bits (``OverflowError``: a 500 where the
answer is 404). ``<id:…>`` takes at most 18 digits, which every integer column can be compared with, so
a longer number matches no address and gets the ordinary 404 page.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
