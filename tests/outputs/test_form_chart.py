"""The form chart (hybridplan.outputs.form_chart): a PNG of the documented size, the same
bytes for the same plan, other bytes for another plan or a comparison. Built from small
hand-made curves: no solve."""

from __future__ import annotations

import datetime as dt
import struct
import zlib

from hybridplan.log.form import FormDay, PlanForm, curve
from hybridplan.outputs.form_chart import HEIGHT, WIDTH, form_png

START = dt.date(2027, 1, 4)


def _form(loads: list[int], through: int | None = None, race_day: int | None = 27) -> PlanForm:
    days = [
        FormDay(day=d, date=START + dt.timedelta(days=d), load=load, fitness=f, fatigue=a)
        for d, (load, (f, a)) in enumerate(zip(loads, curve(loads), strict=True))
    ]
    return PlanForm(days=days, race_day=race_day, through=through)


LOADS = [300, 0, 420, 180, 0, 480, 0] * 3 + [150, 0, 200, 0, 60, 0, 600]


def _size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, its CRC checked (PNG spec, section 11.2.2)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", png[8:16])
    assert kind == b"IHDR" and length == 13
    crc = struct.unpack(">I", png[16 + length : 20 + length])[0]
    assert crc == zlib.crc32(png[12 : 16 + length])
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_a_png_of_the_documented_size_the_same_bytes_each_time() -> None:
    png = form_png(_form(LOADS, through=9), "a <plan> & $x$")
    assert _size(png) == (WIDTH, HEIGHT) == (1100, 520)
    assert png.endswith(b"IEND\xaeB`\x82")
    assert form_png(_form(LOADS, through=9), "a <plan> & $x$") == png
    assert b"Software" not in png and b"matplotlib" not in png  # no version in the bytes


def test_the_picture_changes_with_the_plan() -> None:
    base = form_png(_form(LOADS), "plan")
    missed = LOADS[:7] + [0] * 7 + LOADS[14:]
    assert form_png(_form(missed, through=13), "plan") != base
    assert form_png(_form(LOADS), "plan", before=_form(missed)) != base
    assert form_png(_form(LOADS, race_day=None), "plan") != base
