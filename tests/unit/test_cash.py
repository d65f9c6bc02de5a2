"""Cash rewards as data (issue 16, point 5): coefficient × base salary, rounded up to 10,000 đ; an award
type without a coefficient carries no amount (there is no field through which one could be typed)."""

from decimal import Decimal

from thidua.awards.cash import cash_amount


def test_coefficient_times_base_salary_rounded_up_to_ten_thousand() -> None:
    assert cash_amount(Decimal("0.15"), 2_340_000) == 360_000  # 351,000 -> 360,000
    assert cash_amount(Decimal("0.3"), 2_340_000) == 710_000  # 702,000 -> 710,000
    assert cash_amount(Decimal("1"), 2_340_000) == 2_340_000
    assert cash_amount(Decimal("2"), 2_340_000) == 4_680_000


def test_no_coefficient_no_amount() -> None:
    assert cash_amount(None, 2_340_000) is None
