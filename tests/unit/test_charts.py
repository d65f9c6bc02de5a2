"""Charts for documents (issue 18.7): PNG pictures drawn from labels and numbers, taller with more bars,
refusing numbers that do not match their labels."""

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
