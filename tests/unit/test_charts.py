"""Charts for documents (issue 18.7): PNG pictures drawn from labels and numbers, taller with more bars,
refusing numbers that do not match their labels, drawn once for the same figures."""

from io import BytesIO

import pytest
from PIL import Image

from thidua.documents.charts import Bars, bar_chart


def _size(png: bytes) -> tuple[int, int]:
    with Image.open(BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.size


def test_a_chart_is_a_png_that_grows_with_its_bars() -> None:
    small = bar_chart(Bars("Tình hình nộp báo cáo", ["Nộp đúng hạn", "Nộp muộn"], [3, 1]))
    tall = bar_chart(
        Bars(
            "Mức hoàn thành theo bảng điểm (%)",
            [f"Trường Tiểu học số {i}" for i in range(8)],
            [50 + i * 5.5 for i in range(8)],
            places=2,
            suffix="%",
            reference=69.25,
            reference_label="Bình quân",
            maximum=100,
        )
    )
    (w1, h1), (w2, h2) = _size(small), _size(tall)
    assert w1 == w2 and h2 > h1


def test_numbers_must_match_their_labels() -> None:
    with pytest.raises(ValueError):
        bar_chart(Bars("Xếp loại", ["Tốt", "Khá"], [1]))
    with pytest.raises(ValueError):
        bar_chart(Bars("Xếp loại", [], []))


def test_the_same_figures_give_the_same_picture_and_a_changed_one_a_new_picture() -> None:
    labels = ["Trường Tiểu học A", "Trường THCS B"]
    first = bar_chart(Bars("Mức hoàn thành (%)", labels, [80.5, 62.0], places=1, suffix="%"))
    again = bar_chart(Bars("Mức hoàn thành (%)", list(labels), [80.5, 62.0], places=1, suffix="%"))
    changed = bar_chart(Bars("Mức hoàn thành (%)", labels, [80.5, 63.0], places=1, suffix="%"))
    renamed = bar_chart(Bars("Mức hoàn thành (%)", ["Trường Tiểu học C", "Trường THCS B"], [80.5, 62.0]))
    assert again == first  # drawn once (lists or tuples alike), the same bytes
    assert changed != first and renamed != first
