"""The two default frameworks of CATALOGUE.md as scoring-engine specs, for tests and the benchmark.

The application loads the catalogue elsewhere; this copy only mirrors it (codes, kinds, rules,
targets, bands, points, gates) so the engine can be checked against hand-computed scorecards.
"""

from decimal import Decimal

from thidua.scoring.engine import (
    Band,
    FrameworkSpec,
    IndicatorKind,
    IndicatorRule,
    IndicatorSpec,
    criteria_from_indicators,
)

D = Decimal


def _ind(
    code: str,
    kind: IndicatorKind,
    target: int,
    rule: IndicatorRule,
    points: int,
    *,
    bands: tuple[tuple[int, int], ...] = (),
    gate: bool = False,
    lower: bool = False,
) -> IndicatorSpec:
    return IndicatorSpec(
        code=code,
        criterion_code=code.split(".")[0],
        kind=kind,
        rule=rule,
        max_points=D(points),
        target=D(target),
        direction="lower" if lower else "higher",
        bands=tuple(Band(D(low), D(pts)) for low, pts in bands),
        is_gate=gate,
    )


INSTITUTION_CRITERIA_NAMES = {
    "TC1": "Hoàn thành xuất sắc các nhiệm vụ được giao về phát triển KHCN, đổi mới sáng tạo và chuyển đổi số",
    "TC2": "Chủ động xây dựng và triển khai có hiệu quả kế hoạch chuyển đổi số của đơn vị",
    "TC3": "Có sáng kiến, giải pháp đột phá trong đổi mới phương thức quản lý, điều hành",
    "TC4": "Thực hiện hiệu quả công tác đào tạo, bồi dưỡng nâng cao năng lực số",
    "TC5": "Đảm bảo an toàn, an ninh thông tin, bảo vệ dữ liệu người học trong môi trường số",
}

INDIVIDUAL_CRITERIA_NAMES = {
    "CN1": "Có sáng kiến, giải pháp sáng tạo, hiệu quả trong việc ứng dụng công nghệ số",
    "CN2": "Có thành tích trong nghiên cứu khoa học, sáng tạo kỹ thuật, phát triển học liệu số",
    "CN3": "Tích cực tham gia và có đóng góp thiết thực vào các hoạt động của Phong trào thi đua",
}

INSTITUTION_INDICATORS = (
    _ind("TC1.1", "boolean", 1, "threshold", 8, gate=True),
    _ind("TC1.2", "percent", 100, "proportional", 7),
    _ind("TC1.3", "percent", 100, "proportional", 5),
    _ind("TC1.4", "boolean", 1, "threshold", 5),
    _ind("TC2.1", "percent", 100, "proportional", 7),
    _ind("TC2.2", "level", 2, "bands", 6, bands=((0, 0), (1, 3), (2, 6))),
    _ind("TC2.3", "count", 20, "proportional", 6),
    _ind("TC2.4", "percent", 100, "proportional", 6),
    _ind("TC3.1", "count", 3, "proportional", 10),
    _ind("TC3.2", "boolean", 1, "threshold", 5),
    _ind("TC3.3", "count", 2, "proportional", 5),
    _ind("TC4.1", "percent", 100, "proportional", 8),
    _ind("TC4.2", "count", 2, "proportional", 4),
    _ind("TC4.3", "boolean", 1, "threshold", 3),
    _ind("TC5.1", "boolean", 1, "threshold", 5),
    _ind("TC5.2", "count", 0, "threshold", 6, gate=True, lower=True),
    _ind("TC5.3", "count", 2, "proportional", 4),
)

INDIVIDUAL_INDICATORS = (
    _ind("CN1.1", "count", 1, "threshold", 25),
    _ind("CN1.2", "level", 3, "bands", 20, bands=((1, 5), (2, 12), (3, 20))),
    _ind("CN2.1", "count", 2, "proportional", 15),
    _ind("CN2.2", "count", 1, "threshold", 10),
    _ind("CN3.1", "boolean", 1, "threshold", 10),
    _ind("CN3.2", "count", 3, "proportional", 12),
    _ind("CN3.3", "boolean", 1, "threshold", 8),
)


def institution_framework() -> FrameworkSpec:
    """Tiêu chí đối với các cơ sở giáo dục: TC1–TC5, 17 indicators, 100 points."""
    return FrameworkSpec(
        criteria=criteria_from_indicators(INSTITUTION_INDICATORS, INSTITUTION_CRITERIA_NAMES),
        indicators=INSTITUTION_INDICATORS,
    )


def individual_framework() -> FrameworkSpec:
    """Tiêu chí đối với cá nhân: CN1–CN3, 7 indicators, 100 points."""
    return FrameworkSpec(
        criteria=criteria_from_indicators(INDIVIDUAL_INDICATORS, INDIVIDUAL_CRITERIA_NAMES),
        indicators=INDIVIDUAL_INDICATORS,
    )


def catalogue_frameworks() -> dict[str, FrameworkSpec]:
    """Both default frameworks, keyed by subject kind ("unit", "individual")."""
    return {"unit": institution_framework(), "individual": individual_framework()}
