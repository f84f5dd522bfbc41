"""Make the PDF's copies of Source Sans 3 (static/fonts/source-sans-3-pdf-*.woff2) from the site's fonts.

The copy adds one glyph: U+2010 HYPHEN, an exact duplicate of the ordinary hyphen. The print stylesheet uses it as
the hyphenate-character, so a hyphen made by line breaking is a glyph of its own, and wegwijzers.pdf can map it to
U+00AD (soft hyphen) in the PDF's text layer: copying, searching and reading aloud then give whole words, while
hyphens that belong to the text ("e-mail") stay U+002D. Run again only when the site's fonts change.
"""

from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"

for source in sorted(FONTS.glob("source-sans-3-latin-*.woff2")):
    font = TTFont(source)
    order = font.getGlyphOrder()
    if "uni2010" not in order:
        font.setGlyphOrder([*order, "uni2010"])
        glyf = font["glyf"]
        glyf.glyphs["uni2010"] = glyf["hyphen"]
        glyf.glyphOrder = font.getGlyphOrder()
        font["hmtx"].metrics["uni2010"] = font["hmtx"].metrics["hyphen"]
        font["maxp"].numGlyphs = len(font.getGlyphOrder())
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[0x2010] = "uni2010"
        if "post" in font and hasattr(font["post"], "extraNames"):
            font["post"].formatType = 3.0  # no glyph names needed in a web/PDF font
    target = FONTS / source.name.replace("-latin-", "-pdf-")
    font.flavor = "woff2"
    font.save(target)
    print(target.name)
