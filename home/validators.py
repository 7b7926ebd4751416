"""Validators shared by every public form (manifesto, sign-up and profile, help requests, workshop
registrations, learners' comments). The one place that decides what text a visitor may leave.

- :func:`validate_single_line`: names, organisations, cities, roles and every other one-line field
  refuse line breaks and invisible characters: controls (Unicode category Cc), format characters (Cf,
  which include the bidirectional controls such as U+202E that make text read backwards and the
  zero-width ones that hide an address from a filter), surrogates, line and paragraph separators.
  Such text is written into the association's e-mails ("Bonjour {name}") and staff exports: a line
  break or a direction override there lets anyone compose their own paragraph in a mail the site sends.
- :func:`validate_multiline_text`: the same for messages and comments, which keep their line breaks
  (and tabs) but nothing else invisible.
- :func:`validate_person_name`: a one-line field that must also read as a name: at least one letter, no
  web address or e-mail address (the classic way to turn "Hello {name}" into spam), no markup
  characters. Everything else is allowed, whatever the script: "Łucja", "Nguyễn", "O’Brien",
  "Jean-Luc", "Ибрагим", "عائشة".

Validators run on what was typed (before any clean-up), and a refused form is shown again with every
value as typed, so nothing is lost.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Characters that have no place in a name and serve markup, templates or addresses.
FORBIDDEN_CHARACTERS = set('<>{}[]\\|=@/:;#$%^*_~`"')
# A web address: a scheme, "www.", or a dot followed by a common top-level domain.
WEB_ADDRESS = re.compile(r"(\w+://|www\.|\.(com|net|org|fr|info|biz|io|ru|cn|xyz|top|link|ly)\b)", re.IGNORECASE)


# Line breaks in any of their Unicode forms (CR, LF, vertical tab, form feed, NEL, U+2028, U+2029).
LINE_BREAKS = set("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Unicode categories of invisible characters: control, format (bidi controls among them), surrogate,
# line separator, paragraph separator.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
# What a multi-line text keeps of them.
MULTILINE_ALLOWED = set("\r\n\t")


def _is_invisible(character):
    return unicodedata.category(character) in INVISIBLE_CATEGORIES


def validate_single_line(value):
    """One line of visible text: no line break, no control, format or bidirectional character."""
    if not value:
        return
    if any(character in LINE_BREAKS for character in value):
        raise ValidationError(_("Keep this on one line: remove the line break."), code="line_break")
    if any(_is_invisible(character) for character in value):
        raise ValidationError(
            _("Remove the invisible characters (control, formatting or text direction characters) from this field."),
            code="invisible",
        )


def validate_multiline_text(value):
    """A message or comment: line breaks and tabs allowed, no other control, format or bidi character."""
    if not value:
        return
    if any(_is_invisible(character) and character not in MULTILINE_ALLOWED for character in value):
        raise ValidationError(
            _("Remove the invisible characters (control, formatting or text direction characters) from this field."),
            code="invisible",
        )


def clean_name(value):
    """Spaces collapsed, NUL characters removed: what a name field keeps."""
    return " ".join((value or "").replace("\x00", "").split())


def validate_person_name(value):
    if not value:
        return
    validate_single_line(value)
    if any(unicodedata.category(character).startswith("C") for character in value):
        # Private use and unassigned characters, which no keyboard types in a name.
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
