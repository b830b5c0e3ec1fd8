"""The status colours, checked by number: WCAG contrast in the light and dark schemes and for colour-blind readers.

gongkai.css holds the colours (--gk-c-<status>) for both schemes; charts.py writes the light ones into each
figure. Contrast follows WCAG 2.2 (text 4.5:1, chart marks against the page 3:1); colour-blind reading is
simulated with the matrices of Machado, Oliveira and Fernandes (2009) at full severity, and every two
statuses must stay apart by a CIE76 ΔE of at least 12 for every kind of reader.
"""

from __future__ import annotations

import colorsys
import itertools
import math
import pathlib
import re

import pytest

from generator import charts
from generator.model import Status

CSS = (pathlib.Path(__file__).resolve().parent.parent / "generator" / "assets" / "gongkai.css").read_text(
    encoding="utf-8"
)
LIGHT_BG = "#ffffff"
DARK_BG = "#{:02x}{:02x}{:02x}".format(
    *(round(c * 255) for c in colorsys.hls_to_rgb(232 / 360, 0.14, 0.15))
)  # Material's slate
SIMULATIONS = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def block(selector: str) -> dict[str, str]:
    """Return the --gk-c-* colours a CSS rule sets."""
    body = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)[1]
    return dict(re.findall(r"--gk-c-([\w-]+):\s*(#[0-9a-f]{6})", body))


LIGHT, DARK = block(":root"), block('[data-md-color-scheme="slate"]')


def channels(colour: str) -> list[float]:
    return [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]


def linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (linear(c) for c in channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(colour: str, seen_by: str) -> tuple[float, float, float]:
    """Return the CIELAB colour a reader with this colour vision sees."""
    rgb = [linear(c) for c in channels(colour)]
    r, g, b = (min(max(sum(m * c for m, c in zip(row, rgb, strict=True)), 0.0), 1.0) for row in SIMULATIONS[seen_by])
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def test_the_charts_use_the_stylesheets_light_colours():
    assert {s.value: c for s, c in charts.STATUS_COLOURS.items()} == {s.value: LIGHT[s.value] for s in Status}
    assert {k: LIGHT[k] for k in charts.LINE_COLOURS} == charts.LINE_COLOURS
    assert LIGHT["on-status"] == charts.ON_STATUS


@pytest.mark.parametrize(("scheme", "background"), [(LIGHT, LIGHT_BG), (DARK, DARK_BG)], ids=["light", "dark"])
def test_status_words_and_chart_marks_pass_wcag_contrast(scheme, background):
    for status in Status:
        colour = scheme[status.value]
        assert contrast(colour, scheme["on-status"]) >= 4.5, f"{status.label}: text on {colour}"
        assert contrast(colour, background) >= 3, f"{status.label}: {colour} as a chart mark on {background}"
    for line in ("actual", "target", "pace"):
        assert contrast(scheme[line], background) >= 3, line


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("seen_by", list(SIMULATIONS))
def test_every_two_statuses_stay_apart_for_colour_blind_readers(scheme, seen_by):
    close = []
    for a, b in itertools.combinations(Status, 2):
        gap = math.dist(lab(scheme[a.value], seen_by), lab(scheme[b.value], seen_by))
        if gap < 12:
            close.append(f"{a.label}/{b.label}: ΔE {gap:.1f}")
    assert not close, close


def test_the_simulation_tells_red_from_green_apart_only_for_normal_vision():
    """The check can fail: a red and a green that normal vision parts merge for a red-green deficiency."""
    red, green = "#c0392b", "#5a8f29"
    assert math.dist(lab(red, "normal"), lab(green, "normal")) > 40
    assert math.dist(lab(red, "deutan"), lab(green, "deutan")) < 12
