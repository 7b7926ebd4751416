"""The one name validator shared by the manifesto, the sign-up and the profile (home/validators.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from home.validators import clean_name, validate_person_name


@pytest.mark.parametrize(
    "name",
    ["Łucja", "Wiśniewska-Nguyễn", "O’Brien", "D'Artagnan", "Jean-Éric", "Ибрагим", "عائشة", "J. Dupont", "Louis XIV"],
)
def test_real_names_in_any_script_are_accepted(name):
    validate_person_name(name)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Gagnez sur https://spam.example", "Un nom ne peut pas contenir d’adresse web."),
        ("www.promo.example", "Un nom ne peut pas contenir d’adresse web."),
        ("Cliquez promo.com", "Un nom ne peut pas contenir d’adresse web."),
        ("<b>Camille</b>", "Un nom ne peut pas contenir ces caractères\u00a0: / < >"),
        ("camille@example.org", "Un nom ne peut pas contenir d’adresse web."),
        ("Camille@Durand", "Un nom ne peut pas contenir ces caractères\u00a0: @"),
        (
            "Ca\u200bmille",
            "Retirez les caractères invisibles (caractères de contrôle, de mise en forme ou de sens d’écriture) de ce champ.",
        ),
        ("Camille\nDurand", "Écrivez-le sur une seule ligne\u00a0: retirez le retour à la ligne."),
        ("Ca\ue000mille", "Retirez les caractères invisibles du nom."),
        ("1234", "Écrivez le nom en lettres."),
    ],
)
def test_names_that_are_not_names_get_a_specific_french_message(name, message):
    with translation.override("fr"), pytest.raises(ValidationError) as raised:
        validate_person_name(name)
    assert raised.value.messages == [message]


def test_spaces_are_collapsed_and_nul_characters_dropped():
    assert clean_name("  Marie   Claire\x00 ") == "Marie Claire"
