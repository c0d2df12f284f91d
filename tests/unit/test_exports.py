"""Exports never let a cell run as a formula, and suppress small counts on request."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from service.usecases.exports import Table, figures_table, neutralise, to_csv, to_xlsx
from service.usecases.stats import Figures, Stats

DANGEROUS = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_text_cell_that_starts_like_a_formula_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Бишкек", "швея", "a=b", "", 0, -3, 0.25, None])
def test_other_cells_are_written_as_they_are(value: object) -> None:
    assert neutralise(value) == value  # type: ignore[arg-type]


def test_the_csv_neutralises_people_text_but_keeps_numbers_numbers() -> None:
    table = Table("t", ("name", "count"), [("=1+1", -2), ("Айгүл", 3)])
    text = to_csv(table).decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets then read the Cyrillic as UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["name", "count"], ["'=1+1", "-2"], ["Айгүл", "3"]]


def test_the_xlsx_holds_formula_text_as_plain_strings() -> None:
    table = Table("t", ("name", "count"), [(text, 1) for text in DANGEROUS])
    book = zipfile.ZipFile(io.BytesIO(to_xlsx([table])))
    sheet = book.read("xl/worksheets/sheet1.xml").decode()
    strings = book.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula anywhere
    assert "HYPERLINK" in strings  # kept, as text


def _stats(registered: int, matched: int, women: int) -> Stats:
    group = Figures(registered=registered, matched=matched, women=women)
    return Stats(
        total=Figures(registered=100, matched=12, women=40),
        funnel={"applied": 3, "contacted": 0, "interview": 7, "hired": 12},
        breakdown={"gender": {"female": group}},
    )


def _row(table: Table, dimension: str, group: str) -> dict[str, object]:
    for row in table.rows:
        if row[:2] == (dimension, group):
            return dict(zip(table.header, row, strict=True))
    raise AssertionError((dimension, group))


def test_suppression_hides_counts_of_one_to_four_and_the_shares_made_of_them() -> None:
    table = figures_table(_stats(registered=9, matched=4, women=9), suppress=True)
    female = _row(table, "gender", "female")
    assert female["registered"] == 9 and female["matched"] == "<5"
    assert female["match_rate"] == "<5" and female["women_share"] == 1.0
    assert _row(table, "funnel", "applied")["registered"] == "<5"
    assert _row(table, "funnel", "contacted")["registered"] == 0  # nobody is not a person
    assert _row(table, "total", "all")["matched"] == 12


def test_without_suppression_every_count_is_shown() -> None:
    table = figures_table(_stats(registered=3, matched=1, women=3), suppress=False)
    female = _row(table, "gender", "female")
    assert (female["registered"], female["matched"], female["match_rate"]) == (3, 1, 0.3333)


def test_one_hidden_group_takes_the_next_smallest_with_it_so_no_subtraction_finds_it() -> None:
    groups = {
        "female": Figures(registered=20, matched=3),
        "male": Figures(registered=30, matched=10),
        "other": Figures(registered=6, matched=0),
    }
    stats = Stats(total=Figures(registered=56, matched=13), funnel={}, breakdown={"gender": groups})
    table = figures_table(stats, suppress=True)
    assert _row(table, "gender", "female")["matched"] == "<5"
    assert _row(table, "gender", "male")["matched"] == "x"  # else 13 - 10 = 3
    assert _row(table, "gender", "male")["match_rate"] == "x"
    assert _row(table, "gender", "other")["matched"] == 0
    assert _row(table, "gender", "male")["registered"] == 30


def test_a_small_total_is_hidden_too() -> None:
    stats = Stats(total=Figures(registered=40, matched=2), funnel={}, breakdown={})
    assert _row(figures_table(stats, suppress=True), "total", "all")["matched"] == "<5"


def test_the_shares_of_the_people_trained_are_hidden_with_their_counts() -> None:
    groups = {
        "female": Figures(trained=9, completed=6, trained_women=9, trained_youth=3),
        "male": Figures(trained=3, completed=1),
    }
    total = Figures(trained=12, completed=7, trained_women=9, trained_youth=3)
    stats = Stats(total=total, funnel={}, breakdown={"gender": groups})
    table = figures_table(stats, suppress=True)
    women, men = _row(table, "gender", "female"), _row(table, "gender", "male")
    assert (men["trained"], men["trained_women_share"], men["completed"]) == ("<5", "<5", "<5")
    # The women's 9 trained (and 6 completed) are hidden too, or 12 - 9 would give 3 men;
    # so is the share of women among them, which is made of the hidden count.
    assert (women["trained"], women["completed"]) == ("x", "x")
    assert women["trained_women_share"] == "x"
    assert (women["trained_youth"], women["trained_youth_share"]) == ("<5", "<5")
    shown = _row(figures_table(stats, suppress=False), "gender", "female")
    assert (shown["trained_women_share"], shown["trained_youth_share"]) == (1.0, 0.3333)
