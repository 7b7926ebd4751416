"""Fill French translations into locale/fr/LC_MESSAGES/django.po and compile it (development tool).

Usage: python scripts/fill_po.py translations.json [more.json ...]
Each JSON file maps an English msgid to its French msgstr; for plural entries the value is a list
[singular, plural]. The script holds a lock so several people can run it at once, re-extracts the
messages first (``makemessages``, needs GNU gettext), fills only the given entries, and compiles.
"""

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
MANAGE = [sys.executable, str(ROOT / "manage.py")]
IGNORES = ["--ignore=.venv/*", "--ignore=tests/*", "--ignore=staticfiles/*", "--ignore=scripts/*", "--ignore=bench/*"]


def main(paths):
    translations = {}
    for path in paths:
        translations.update(json.loads(Path(path).read_text(encoding="utf-8")))
    (ROOT / "locale").mkdir(exist_ok=True)
    with open("/tmp/webassoc-po.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "webassoc.settings.dev"}
        subprocess.run([*MANAGE, "makemessages", "-l", "fr", "--no-obsolete", *IGNORES], check=True, cwd=ROOT, env=env)
        po = polib.pofile(str(PO))
        po.metadata["Language"] = "fr"
        po.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        filled = 0
        for entry in po:
            if entry.msgid not in translations:
                continue
            value = translations[entry.msgid]
            if entry.msgid_plural:
                if isinstance(value, str):
                    value = [value, value]
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value if isinstance(value, str) else value[0]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
        po.save(str(PO))
        subprocess.run([*MANAGE, "compilemessages", "-l", "fr", "--ignore=.venv/*"], check=True, cwd=ROOT, env=env)
        missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    print(f"filled {filled} entries; {len(missing)} still untranslated in {PO.relative_to(ROOT)}")
    for msgid in missing[:40]:
        print("  untranslated:", msgid[:100].replace("\n", " "))


if __name__ == "__main__":
    main(sys.argv[1:])
