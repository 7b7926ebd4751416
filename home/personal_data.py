"""Registry of what each app holds about a member, for the personal-data export and account deletion.

``home`` knows no feature app: each app registers its own exporter and eraser in its
``AppConfig.ready()``; the accounts app calls :func:`export_user_data` and :func:`erase_user_data`.
"""

from django.apps import apps

from .optin import normalize_email

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


def verified_addresses(user):
    """The e-mail addresses allauth has verified for ``user``, normalised (``home.optin.normalize_email``).

    What a member holds under an e-mail address (a signature, a registration, a help request) is theirs
    only through these: never through ``user.email`` alone, which is whatever was typed at sign-up. An
    account whose address is not verified proves nothing, and matching on it let anyone who signed up as
    ``victim@…`` read or delete the victim's data.
    """
    if user is None or not getattr(user, "pk", None) or not user.is_authenticated:
        return set()
    try:
        EmailAddress = apps.get_model("account", "EmailAddress")
    except LookupError:
        return set()
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {normalize_email(address) for address in addresses if address}
