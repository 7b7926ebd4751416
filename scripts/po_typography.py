"""Apply French typography (home/typography.py) to every msgstr of a .po file, in place.

    .venv/bin/python scripts/po_typography.py locale/fr/LC_MESSAGES/django.po [--check]

Only msgstr lines change; msgids, comments, the order of entries and the line layout stay as they are,
so that the file merges with other branches. Placeholders (``%(name)s``, ``{count}``, ``%%``) are left
intact: the rules only touch spaces, apostrophes, guillemets and numbers. With ``--check`` nothing is
written and the exit status says whether a msgstr still needs fixing.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from home.typography import french_html, french_text  # noqa: E402

_STRING = re.compile(r'^(\s*(?:msgstr(?:\[\d+\])?\s+)?)"(.*)"\s*$')
_ESCAPES = {"\\\\": "\\", '\\"': '"', "\\n": "\n", "\\t": "\t"}


def unquote(body):
    return re.sub(r'\\[\\"nt]', lambda m: _ESCAPES[m.group(0)], body)


def quote(text):
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def fix(text):
    text = french_html(text) if re.search(r"<[a-zA-Z/]", text) else french_text(text)
    # "%(score)s %%" is a number and a percent sign: no line break between them either.
    return re.sub(r"(%\([a-z_]+\)[sd]) ?%%", "\\1\u00a0%%", text)


def process(lines):
    out = []
    index = 0
    previous_msgid_empty = False
    while index < len(lines):
        line = lines[index]
        if line.startswith("msgid "):
            previous_msgid_empty = line.strip() == 'msgid ""' and (
                index + 1 >= len(lines) or not lines[index + 1].startswith('"')
            )
        if not line.startswith("msgstr"):
            out.append(line)
            index += 1
            continue
        block = [line]
        index += 1
        while index < len(lines) and lines[index].startswith('"'):
            block.append(lines[index])
            index += 1
        if previous_msgid_empty:  # the header
            out.extend(block)
            continue
        prefixes, pieces = [], []
        for raw in block:
            match = _STRING.match(raw.rstrip("\n"))
            prefixes.append(match.group(1))
            pieces.append(unquote(match.group(2)))
        whole = "".join(pieces)
        fixed = fix(whole)
        if fixed == whole:
            out.extend(block)
            continue
        # Cut the fixed text where the original lines were cut (the rules rarely change the length;
        # when they do, the last line takes the difference).
        cuts, total = [0], 0
        for piece in pieces[:-1]:
            total += len(piece)
            cuts.append(min(total, len(fixed)))
        cuts.append(len(fixed))
        for position, prefix in enumerate(prefixes):
            out.append(f'{prefix}"{quote(fixed[cuts[position] : cuts[position + 1]])}"\n')
    return out


def main():
    path = Path(sys.argv[1])
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fixed = process(lines)
    if "--check" in sys.argv:
        changed = [a for a, b in zip(lines, fixed, strict=True) if a != b]
        for line in changed:
            print(line.rstrip())
        sys.exit(1 if changed else 0)
    path.write_text("".join(fixed), encoding="utf-8")


if __name__ == "__main__":
    main()
