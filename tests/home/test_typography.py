"""French typography (home/typography.py) and its template filters."""

import pytest
from django.template import Context, Template
from django.utils import translation

from home.typography import de, french_html, french_text

NNBSP = "\u202f"
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Vraiment ? Oui !", f"Vraiment{NNBSP}? Oui{NNBSP}!"),
        ("Pourquoi?", f"Pourquoi{NNBSP}?"),
        ("Quoi ?!", f"Quoi{NNBSP}?!"),
        ("un ; deux", f"un{NNBSP}; deux"),
        ("Note : voici", f"Note{NBSP}: voici"),
        ("Note: voici", f"Note{NBSP}: voici"),
        ("« Bonjour »", f"«{NBSP}Bonjour{NBSP}»"),
        ("«Bonjour»", f"«{NBSP}Bonjour{NBSP}»"),
        ("l'association d'aujourd'hui", "l’association d’aujourd’hui"),
        ("1 000 bénévoles", f"1{NNBSP}000 bénévoles"),
        ("12500 associations", f"12{NNBSP}500 associations"),
        ("50 % et 10€", f"50{NBSP}% et 10{NBSP}€"),
        ("la formation de Aïcha, de Émile et de Bruno", "la formation d’Aïcha, d’Émile et de Bruno"),
        ("Je pense que Olivier viendra", "Je pense qu’Olivier viendra"),
    ],
)
def test_french_rules_on_text(before, after):
    assert french_text(before) == after
    assert french_text(after) == after  # idempotent: no doubled space


@pytest.mark.parametrize(
    "text",
    [
        "à 10:30",
        "https://exemple.org/?page=2",
        "mailto:contact@exemple.org",
        "en 2025",
        "75011 Paris",
        "'guillemets simples'",
        "de Yannick, de Hollande",
        "Île-de-France",
    ],
)
def test_what_french_rules_leave_alone(text):
    assert french_text(text) == text


def test_html_tags_attributes_and_urls_are_untouched():
    markup = "<a href=\"/recherche/?q=a:b\" title=\"C'est ça ?\" data-x='1 ; 2'>C'est ça ?</a>"
    assert french_html(markup) == (
        f'<a href="/recherche/?q=a:b" title="C\'est ça ?" data-x=\'1 ; 2\'>C’est ça{NNBSP}?</a>'
    )


@pytest.mark.parametrize(
    "markup",
    [
        "<code>a ; b ? c : d</code>",
        "<pre>x : 1\n'y' : 2</pre>",
        '<script type="application/ld+json">{"name": "Qui ? Quoi : l\'asso"}</script>',
        "<style>a:hover{color:red;}</style>",
        "<textarea>Pourquoi ?</textarea>",
        "<!-- Pourquoi ? -->",
        "<kbd>Ctrl ; C</kbd>",
    ],
)
def test_code_scripts_and_comments_are_untouched(markup):
    assert french_html(markup) == markup


def test_text_after_code_is_fixed_again():
    assert (
        french_html("<pre><code>x: 1</code></pre><p>Donc ?</p>") == f"<pre><code>x: 1</code></pre><p>Donc{NNBSP}?</p>"
    )


def test_space_across_inline_tags():
    assert french_html("<p><strong>Attention</strong>!</p>") == f"<p><strong>Attention</strong>{NNBSP}!</p>"
    assert french_html("<p><em>Attention </em>!</p>") == f"<p><em>Attention</em>{NNBSP}!</p>"
    assert french_html("<p><b>Note</b> : lire</p>") == f"<p><b>Note</b>{NBSP}: lire</p>"
    assert french_html("<p>« <em>Titre</em> »</p>") == f"<p>«{NBSP}<em>Titre</em>{NBSP}»</p>"


def test_no_space_added_at_the_start_of_a_block():
    assert french_html("<li>Bien</li><li>?</li>") == "<li>Bien</li><li>?</li>"


def test_entities_are_read_and_text_stays_escaped():
    assert french_html("<p>Tom &amp; Jerry : &lt;b&gt; l&#x27;ami</p>") == (
        f"<p>Tom &amp; Jerry{NBSP}: &lt;b&gt; l’ami</p>"
    )
    assert french_html(f"<p>Déjà{NBSP}: oui</p>") == f"<p>Déjà{NBSP}: oui</p>"


def test_html_is_idempotent():
    markup = "<h2>Qui sommes-nous ?</h2><p>« L'asso » : <a href='/x?y=1'>1 000 bénévoles</a> !</p>"
    once = french_html(markup)
    assert french_html(once) == once
    assert "href='/x?y=1'" in once


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Aïcha", "d’Aïcha"),
        ("Émile", "d’Émile"),
        ("Olivier", "d’Olivier"),
        ("Hélène", "d’Hélène"),
        ("Bruno", "de Bruno"),
        ("Yannick", "de Yannick"),
        ("Hugues", "de Hugues"),
    ],
)
def test_de_elides_before_a_vowel_sound(name, expected):
    assert de(name) == expected


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load typography_tags %}" + source).render(Context(context))


def test_filter_escapes_plain_text_then_applies_the_rules():
    assert render("{{ title|typo }}", "fr", title="<b>Qui ?</b>") == f"&lt;b&gt;Qui{NNBSP}?&lt;/b&gt;"


def test_filter_keeps_attribute_values_quoted():
    html = render('<a title="{{ title|typo }}">', "fr", title='Le "Manifeste" : l\'appel')
    assert html == f'<a title="Le &quot;Manifeste&quot;{NBSP}: l’appel">'


def test_filter_does_nothing_in_english():
    assert render("{{ title|typo }}", "en", title="Why? Because: it's so") == "Why? Because: it&#x27;s so"


def test_filter_block_and_de_filter():
    assert render("{% filter typo %}<p>Vous : {{ name|de }}</p>{% endfilter %}", "fr", name="Aïcha") == (
        f"<p>Vous{NBSP}: d’Aïcha</p>"
    )
    assert render("{{ name|de }}", "en", name="Aïcha") == "Aïcha"
