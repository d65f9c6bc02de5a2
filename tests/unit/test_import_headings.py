"""Every column of every import kind has its Vietnamese heading (issue 18.4), distinct within its kind
(two columns with one heading could not be told apart on import) and without a comma (CSV headers)."""

from thidua.imports.headings import HEADINGS_VI, heading
from thidua.imports.kinds import KINDS


def test_every_column_has_a_vietnamese_heading_of_its_own() -> None:
    for name, kind in KINDS.items():
        columns = [c.name for c in kind.columns]
        missing = [c for c in columns if c not in HEADINGS_VI]
        assert missing == [], (name, missing)
        titles = [heading(c) for c in columns]
        assert len(set(titles)) == len(titles), (name, titles)
        assert all("," not in t and t != c for t, c in zip(titles, columns, strict=True)), (name, titles)


def test_english_is_the_machine_name() -> None:
    assert heading("unit_code", "en") == "unit_code" and heading("unit_code") == "Mã đơn vị"
