from __future__ import annotations

from docx import Document
from PIL import Image

from assistant.portfolio import build_portfolio, write_portfolio
from tests.test_guided import talk

BAKERY = [
    "I order bread for 10 bakeries and we throw away a lot every evening.",
    "I want to know how many loaves each bakery will sell tomorrow.",
    "I look at last week's sales and the weather.",
    "We keep two years of daily sales in the till system.",
    "Every day, about 300 dollars of bread goes in the bin.",
]
BAKERY_2 = [
    "I run the bakery counters of 8 shops and too much bread is thrown away.",
    "I wish I knew how many loaves each shop will sell tomorrow.",
    "Last week's sales and the weather forecast.",
    "The till has three years of daily sales.",
    "Around 250 dollars a day in waste.",
]
PRESS = [
    "I plan maintenance at a stamping plant and the presses stop without warning.",
    "I want to know which press will break down in the next few weeks.",
    "I look at the vibration readings and the oil temperature.",
    "We log the sensors for three years and every breakdown is in the maintenance log.",
    "About five times a year, and each stop costs roughly 40,000 dollars.",
]


def test_portfolio_merges_near_duplicates_and_ranks(app, tmp_path):
    states = [talk(app.service, lines)[0] for lines in (BAKERY, BAKERY_2, PRESS)]
    port = build_portfolio(states, "en")
    assert port.interviews == 3
    assert len(port.entries) == 2
    bakery = next(e for e in port.entries if e.theme.best and e.theme.best.id == "demand-forecast")
    assert len(bakery.session_ids) == 2
    assert port.entries[0].priority >= port.entries[1].priority
    files = write_portfolio(port, tmp_path / "out")
    png = Image.open(files[0])
    assert png.size[0] == 640 and 400 <= png.size[1] <= 520  # one chart size for the board, the .docx and here
    colours = png.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 20  # not a blank image: points, labels, axes
    assert any(r > 180 and g < 80 and b < 80 for _, (r, g, b) in colours)  # the top theme's red point
    svg = files[1].read_text(encoding="utf-8")
    assert "<svg" in svg and "feasibility" in svg
    md = files[2].read_text(encoding="utf-8")
    assert "2 distinct themes" in md and "demand-forecast" in md
    doc = Document(str(files[3]))
    assert doc.paragraphs[0].text == "Theme portfolio"
    assert len(doc.tables) == 1 and len(doc.tables[0].rows) == 3
    assert len(doc.inline_shapes) == 1


def test_empty_portfolio_says_what_to_do(tmp_path):
    port = build_portfolio([], "ja")
    files = write_portfolio(port, tmp_path)
    assert "先に面談" in files[2].read_text(encoding="utf-8")
