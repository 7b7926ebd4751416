"""Registry of what each app holds about a member, for the personal-data export and account deletion.

``home`` knows no feature app: each app registers its own exporter and eraser in its
``AppConfig.ready()``; the accounts app calls :func:`export_user_data` and :func:`erase_user_data`.
"""

_exporters = {}
_erasers = {}


def register_exporter(key, function):
    """``function(user)`` returns JSON-serialisable data, stored under ``key`` in the export."""
    _exporters[key] = function


def register_eraser(key, function):
    """``function(user)`` deletes or anonymises what the app holds about ``user``, before the user row goes."""
    _erasers[key] = function


def export_user_data(user):
    return {key: function(user) for key, function in sorted(_exporters.items())}


def erase_user_data(user):
    for _key, function in sorted(_erasers.items()):
        function(user)
