"""Make the static fonts of the PDF attestation (courses/fonts/) from the variable font of a PyPI package.

Usage: python scripts/build_attestation_fonts.py DOWNLOAD_DIR courses/fonts
where DOWNLOAD_DIR holds the wheel fetched by
``pip download --no-deps fontpkg-noto-sans==2.15 -d DOWNLOAD_DIR`` (DejaVu Sans is copied unchanged
from matplotlib's wheel, see courses/fonts/README.md).
"""

import io
import sys
import zipfile
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import OverlapMode, instantiateVariableFont

SOURCES = {
    "fontpkg_noto_sans": ("fontpkg_noto_sans/files/NotoSans[wdth,wght].ttf", "NotoSans"),
}
WEIGHTS = {"Regular": 400, "Bold": 700}


def main(download_dir, target_dir):
    target = Path(target_dir)
    for wheel in sorted(Path(download_dir).glob("fontpkg_noto_sans-*.whl")):
        package = wheel.name.split("-")[0]
        if package not in SOURCES:
            continue
        member, name = SOURCES[package]
        data = zipfile.ZipFile(wheel).read(member)
        for style, weight in WEIGHTS.items():
            font = instantiateVariableFont(
                TTFont(io.BytesIO(data)),
                {"wght": weight, "wdth": 100},
                updateFontNames=True,
                overlap=OverlapMode.KEEP_AND_SET_FLAGS,
            )
            font.save(target / f"{name}-{style}.ttf")
            print(f"{name}-{style}.ttf")


if __name__ == "__main__":
    main(*sys.argv[1:3])
