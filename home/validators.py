"""Validators shared by every public form that asks for a person's name (manifesto, sign-up, profile).

A name is shown on public lists and written into e-mails, so it must read as a name: at least one
letter, no web address or e-mail address (the classic way to turn "Hello {name}" into spam), no
markup characters and no control characters. Everything else is allowed, whatever the script:
"Łucja", "Nguyễn", "O’Brien", "Jean-Luc", "Ибрагим", "عائشة".
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Characters that have no place in a name and serve markup, templates or addresses.
FORBIDDEN_CHARACTERS = set('<>{}[]\\|=@/:;#$%^*_~`"')
# A web address: a scheme, "www.", or a dot followed by a common top-level domain.
WEB_ADDRESS = re.compile(r"(\w+://|www\.|\.(com|net|org|fr|info|biz|io|ru|cn|xyz|top|link|ly)\b)", re.IGNORECASE)


def clean_name(value):
    """Spaces collapsed, NUL characters removed: what a name field keeps."""
    return " ".join((value or "").replace("\x00", "").split())


def validate_person_name(value):
    if not value:
        return
    if any(unicodedata.category(character).startswith("C") for character in value):
        raise ValidationError(_("Remove the invisible characters from the name."), code="control")
    if WEB_ADDRESS.search(value):
        raise ValidationError(_("A name cannot contain a web address."), code="address")
    forbidden = sorted({character for character in value if character in FORBIDDEN_CHARACTERS})
    if forbidden:
        raise ValidationError(
            _("A name cannot contain these characters: %(characters)s"),
            code="characters",
            params={"characters": " ".join(forbidden)},
        )
    if not any(character.isalpha() for character in value):
        raise ValidationError(_("Type the name with letters."), code="letters")
