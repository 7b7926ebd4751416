"""French typography for what the site renders: pure functions, no Django settings, no database.

`french_text()` works on plain text (an e-mail body, a PDF line), `french_html()` on an HTML fragment:
only its text is changed, never a tag, an attribute (so no URL or ``href``), a comment, nor what sits in
``<code>``, ``<pre>``, ``<kbd>``, ``<samp>``, ``<script>`` (JSON-LD included), ``<style>`` or
``<textarea>``. Both are idempotent: running them twice gives what running them once gives.

The rules are those of the Imprimerie nationale's *Lexique des règles typographiques*:

- a narrow no-break space (U+202F) before ``;``, ``!`` and ``?``, once before a run like ``?!``;
- a no-break space (U+00A0) before ``:`` and inside ``« »``;
- the typographic apostrophe ``’`` instead of ``'`` between two letters (``l'association``);
- no-break spaces in numbers written in groups of three (``1 000``, ``12 500``), before ``%`` and ``€``,
  and in numbers of five digits or more followed by a word (``12000 bénévoles``); a four-digit number
  stays as written, since nothing tells ``2 000 bénévoles`` from ``en 2025`` (write ``1 000`` yourself);
- the elision of "de" and "que" before a name that starts with a vowel (``de Aïcha`` → ``d’Aïcha``).

A punctuation mark glued to a URL or a time (``?page=2``, ``10:30``, ``https://``) is left alone: a
space is only added when the mark ends a word.
"""

import html
import re

NNBSP = "\u202f"  # narrow no-break space, before ; ! ?
NBSP = "\u00a0"  # no-break space, before : and inside « »
APOSTROPHE = "\u2019"

# Any space but a line break in the source's indentation matters as little as a plain space.
_SPACE = r"[ \t\n\r\u00a0\u202f\u2009]"
_LETTER = r"[^\W\d_]"
# What may end the word before a mark, when the text has no space there.
_WORD_END = r"[\w\u2019\u00bb)\]\"…%€]"
_AFTER_MARK = r"(?=$|[\s\u00a0\u202f)\]\"\u00bb,.’…<])"

_TIGHT_MARKS = re.compile(rf"{_SPACE}*([;!?][;!?]*)")
_COLON = re.compile(rf"{_SPACE}*:")
_OPEN_QUOTE = re.compile(rf"«{_SPACE}*")
_CLOSE_QUOTE = re.compile(rf"{_SPACE}*»")
_APOSTROPHE = re.compile(rf"(?<={_LETTER})'(?={_LETTER})")
_GROUPS = re.compile(rf"(?<![\d,.])(\d{{1,3}})((?:{_SPACE}\d{{3}})+)(?![\d,])")
_GROUP_SPACE = re.compile(_SPACE)
_LONG_NUMBER = re.compile(rf"(?<![\w,.\-/#°])(\d{{5,}})(?={_SPACE}+[a-zà-ÿœæ])")
_UNIT = re.compile(rf"(?<=\d){_SPACE}?([%€])")
# "de"/"que" as words, then one space, then a capital vowel (a name, a place, an acronym): not before
# "H" (aspirated in "de Hollande") nor "Y" ("de Yannick").
_ELISION = re.compile(r"(?<![\w\-’'])([Dd]e|[Qq]ue) (?=[AEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ]\w)")


def _group(match):
    return match.group(1) + _GROUP_SPACE.sub(NNBSP, match.group(2))


def _thousands(number):
    digits = number.group(1)
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return NNBSP.join(parts)


def _tight(match):
    return NNBSP + match.group(1)


_TRIGGER = re.compile(r"[;:!?«»'\d]")


def _apply(text, before=""):
    """The rules on one run of text (no markup), already unescaped."""
    if "e " in text:
        text = _ELISION.sub(lambda m: m.group(1)[:-1] + APOSTROPHE, text)
    if not _TRIGGER.search(text):
        return text
    text = _APOSTROPHE.sub(APOSTROPHE, text)
    text = _OPEN_QUOTE.sub("«" + NBSP, text)
    text = _CLOSE_QUOTE.sub(NBSP + "»", text)
    text = _spaced(_TIGHT_MARKS, text, _tight, before)
    text = _spaced(_COLON, text, lambda m: NBSP + ":", before, colon=True)
    text = _GROUPS.sub(_group, text)
    text = _LONG_NUMBER.sub(_thousands, text)
    text = _UNIT.sub(lambda m: NBSP + m.group(1), text)
    return text


def _spaced(pattern, text, replace, context_before, colon=False):
    """Replace the space before each mark found by ``pattern``, or add one where the mark ends a word.
    ``context_before`` is the character before ``text`` (the end of the previous run of an HTML text)."""

    def sub(match):
        start = match.start()
        has_space = match.group(0)[:1].isspace()
        if not re.match(_AFTER_MARK, text[match.end() :]):
            # Glued to what follows: "?page=2", "10:30", "https://", "!important".
            return match.group(0)
        if has_space:
            return replace(match)
        before = text[start - 1] if start else context_before
        if not before or not re.match(_LETTER if colon else _WORD_END, before):
            return match.group(0)
        return replace(match)

    return pattern.sub(sub, text)


def french_text(text):
    """French typography on plain text (not HTML): an e-mail, a PDF line, a subject."""
    if not text:
        return text
    return _apply(str(text))


# Markup: comments, doctype/CDATA, tags. Attribute values may hold ">" only inside quotes.
_MARKUP = re.compile(r"(<!--.*?-->|<[!?/A-Za-z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>)", re.S)
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_RAW = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "var", "svg", "math"}
# Tags that end a run of words: a mark after them starts a new block, there is no word to attach to.
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option", "select",
    "button", "label", "title", "img", "input", "body", "head", "html", "meta", "link",
}  # fmt: skip
_MARK_AT_START = re.compile(r"^[\u00a0\u202f]?([;!?:»])")
_TRAILING_SPACE = re.compile(rf"{_SPACE}+$")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}


def _escape(text):
    return re.sub(r"[&<>\"']", lambda m: _ESCAPES[m.group(0)], text)


def french_html(markup):
    """French typography on the text of an HTML fragment; the markup itself is returned untouched."""
    if not markup:
        return markup
    markup = str(markup)
    if not _TRIGGER.search(markup) and "e " not in markup:
        return markup
    # Even indexes are text, odd ones markup.
    parts = _MARKUP.split(markup)
    raw_name = None  # inside <code>, <pre>, <script>…: the tag that ends it
    raw_depth = 0
    previous = None  # index and unescaped text of the last text of the current run of words
    for index, part in enumerate(parts):
        if index % 2:
            name = _TAG_NAME.match(part)
            lowered = name.group(1).lower() if name else ""
            closing = part.startswith("</")
            if raw_name:
                if lowered == raw_name and not part.endswith("/>"):
                    raw_depth += -1 if closing else 1
                    if not raw_depth:
                        raw_name = None
            elif lowered in _RAW and not closing and not part.endswith("/>"):
                raw_name, raw_depth = lowered, 1
            if raw_name or lowered in _BLOCK or not name:
                previous = None
            continue
        if raw_name or not part or part.isspace():
            continue
        text = html.unescape(part) if "&" in part else part
        fixed = _apply(text, before=previous[1][-1:] if previous else "")
        mark = _MARK_AT_START.match(fixed)
        if mark and previous and _TRAILING_SPACE.search(previous[1]):
            # "<em>Attention </em>!": the breakable space moves out, the no-break one goes before the mark.
            previous[1] = _TRAILING_SPACE.sub("", previous[1])
            parts[previous[0]] = _escape(previous[1])
            glue = NNBSP if mark.group(1) in ";!?" else NBSP
            fixed = glue + fixed[mark.start(1) :]
        if fixed != text:
            parts[index] = _escape(fixed)
        if not fixed.isspace():
            previous = [index, fixed]
    return "".join(parts)


_VOWELS = "aeiouàâäéèêëîïôöùûüœæ"
# Words starting with a mute "h" that names often start with; an aspirated "h" keeps "de".
_MUTE_H = ("hélène", "henri", "hugo", "hervé", "hubert", "honoré", "hortense", "hippolyte", "homère")


def starts_with_vowel_sound(word):
    """Whether "de"/"le"/"que" elide before ``word``: a vowel (with or without accent) or a mute "h" of a
    known first name. "Y" keeps the full word ("de Yannick")."""
    word = (word or "").strip()
    if not word:
        return False
    lowered = word.lower()
    if lowered[0] in _VOWELS:
        return True
    return lowered.startswith(_MUTE_H)


def de(name):
    """ "de Bruno", "d’Aïcha", "d’Hélène": the preposition, elided when the name asks for it."""
    name = str(name or "").strip()
    return f"d{APOSTROPHE}{name}" if starts_with_vowel_sound(name) else f"de {name}"
