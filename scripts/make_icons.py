"""Draw the installable app's PNG icons from the favicon's hexagons (frontend/static/
frontend/favicon.svg), in the colours of the design tokens (frontend/static/frontend/css/
ruche.css). Run after changing either; the PNGs are committed.

    .venv/bin/python scripts/make_icons.py
"""

import re
from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "frontend" / "static" / "frontend"
OUTER = [(16, 2), (28, 9), (28, 23), (16, 30), (4, 23), (4, 9)]
INNER = [(16, 9), (22, 12.5), (22, 19.5), (16, 23), (10, 19.5), (10, 12.5)]
HONEY = "#ffd36b"  # the favicon's inner cell
SUPERSAMPLE = 4


def token(name: str) -> str:
    css = (STATIC / "css" / "ruche.css").read_text()
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{3,6}})", css).group(1)


def draw(size: int, *, maskable: bool) -> Image.Image:
    big = size * SUPERSAMPLE
    background = token("brand-dark") if maskable else (0, 0, 0, 0)
    image = Image.new("RGBA", (big, big), background)
    # A maskable icon keeps its drawing within the central 80 % (the safe zone).
    scale = big / 32 * (0.7 if maskable else 1.0)
    offset = (big - 32 * scale) / 2
    pen = ImageDraw.Draw(image)
    for points, colour in ((OUTER, token("brand")), (INNER, HONEY)):
        pen.polygon([(offset + x * scale, offset + y * scale) for x, y in points], fill=colour)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    out = STATIC / "icons"
    out.mkdir(exist_ok=True)
    for size in (192, 512):
        draw(size, maskable=False).save(out / f"icon-{size}.png", optimize=True)
    draw(512, maskable=True).save(out / "icon-maskable-512.png", optimize=True)
    print("icons written to", out)


if __name__ == "__main__":
    main()
