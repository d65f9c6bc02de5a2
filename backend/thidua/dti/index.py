"""QĐ 4725/QĐ-BGDĐT (30/12/2022): "Bộ chỉ số đánh giá mức độ chuyển đổi số của cơ sở giáo dục phổ
thông và giáo dục thường xuyên", as data, and the pure rules that read it.

The index is a framework of its own kind: two groups of criteria, each out of 100 points, some
criteria being mandatory conditions (no points), and three levels per group. It is reference data
issued by the Ministry, so it lives here with the code (like the movement's catalogue), is published
read-only at `GET /api/v1/dti/index` and versioned with the application.

Where each figure was read is in `SOURCES`; a criterion whose points could not be confirmed against
the decision's own text carries `verified=False` and is shown as "cần đối chiếu" (to be checked).
Nothing here is invented: the figures that are not confirmed are those of shared/MOET-4725.md,
stored as given and marked. See docs/dti-4725.md.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Literal

INDEX_CODE: Final = "4725"
INDEX_NAME: Final = (
    "Bộ chỉ số đánh giá mức độ chuyển đổi số của cơ sở giáo dục phổ thông và giáo dục thường xuyên "
    "(Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022)"
)

# Where each part was read (see docs/dti-4725.md for what was checked).
SOURCES: Final = {
    "levels": "https://dti.vnedu.vn/ (Thang điểm đánh giá: 0-49, 50-75, 76-100 điểm mỗi nhóm)",
    "groups": "https://dti.vnedu.vn/; https://lawnet.vn/thong-tin-phap-luat/en/giao-duc/"
    "set-of-indicators-for-assessing-the-level-of-digital-transformation-in-schools-in-vietnam-115298.html",
    "criteria": "shared/MOET-4725.md (nguồn thứ cấp); 1.1, 1.2 là điều kiện bắt buộc và 1.3 gồm các chức "
    "năng tối đa 6 điểm mỗi chức năng: đối chiếu với lawnet.vn (bản dịch QĐ 4725)",
}


@dataclass(frozen=True)
class Level:
    level: int
    label: str
    min_points: Decimal  # a group total of at least this many points


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    max_points: Decimal


@dataclass(frozen=True)
class Criterion:
    code: str
    group: str
    name: str
    max_points: Decimal | None  # None: a mandatory condition, met or not, worth no points
    parts: tuple[tuple[str, Decimal], ...] = ()  # the sub-items and their points, as read
    verified: bool = False
    source: str = "shared/MOET-4725.md"

    @property
    def mandatory(self) -> bool:
        return self.max_points is None


GROUPS: Final = (
    Group("1", "Chuyển đổi số trong dạy, học", Decimal(100)),
    Group("2", "Chuyển đổi số trong quản trị cơ sở giáo dục", Decimal(100)),
)

# Confirmed on dti.vnedu.vn: each group separately, under 50 / 50-75 / over 75 points.
LEVELS: Final = (
    Level(3, "Mức 3 - Mức đáp ứng tốt", Decimal("75.01")),
    Level(2, "Mức 2 - Mức đáp ứng cơ bản", Decimal(50)),
    Level(1, "Mức 1 - Mức chưa đáp ứng", Decimal(0)),
)

_LAWNET = "lawnet.vn (bản dịch QĐ 4725)"
_D = Decimal
CRITERIA: Final = (
    Criterion(
        "1.1",
        "1",
        "Ban hành kế hoạch tổ chức dạy học trực tuyến (kết hợp dạy học trực tiếp)",
        None,
        verified=True,
        source=_LAWNET,
    ),
    Criterion("1.2", "1", "Ban hành quy chế tổ chức dạy học trực tuyến", None, verified=True, source=_LAWNET),
    Criterion(
        "1.3",
        "1",
        "Triển khai phần mềm dạy học trực tuyến",
        _D(30),
        (
            ("Dạy học trực tuyến trực tiếp", _D(6)),
            ("Giao bài tự học", _D(6)),
            ("Giải đáp thắc mắc", _D(6)),
            ("Kiểm tra, đánh giá thường xuyên", _D(6)),
            ("Phụ huynh theo dõi", _D(6)),
        ),
    ),
    Criterion("1.4", "1", "Học liệu số", _D(10)),
    Criterion(
        "1.5",
        "1",
        "Kiểm tra, đánh giá trên máy tính",
        _D(20),
        (
            ("Tổ chức kiểm tra trên máy tính", _D(15)),
            ("Phần mềm kiểm tra trao đổi kết quả với hệ thống của trường", _D(5)),
        ),
    ),
    Criterion(
        "1.6",
        "1",
        "Năng lực số của giáo viên",
        _D(20),
        (
            ("Tỷ lệ giáo viên có tài khoản bồi dưỡng trực tuyến", _D(7)),
            ("Tỷ lệ giáo viên khai thác phần mềm đổi mới phương pháp dạy học", _D(7)),
            ("Tỷ lệ giáo viên xây dựng học liệu số", _D(6)),
        ),
    ),
    Criterion(
        "1.7",
        "1",
        "Hạ tầng, thiết bị phục vụ dạy học",
        _D(20),
        (
            ("Tỷ lệ phòng học có thiết bị trình chiếu và kết nối Internet", _D(8)),
            ("Đáp ứng dạy học môn Tin học", _D(7)),
            ("Phòng studio xây dựng học liệu số", _D(5)),
        ),
    ),
    Criterion("2.1", "2", "Bộ phận chỉ đạo, phụ trách ứng dụng CNTT, chuyển đổi số", None),
    Criterion("2.2", "2", "Kế hoạch ứng dụng CNTT, chuyển đổi số hằng năm", None),
    Criterion(
        "2.3",
        "2",
        "Triển khai hệ thống quản trị cơ sở giáo dục",
        _D(60),
        (
            ("Quy chế sử dụng", _D(6)),
            ("Quản lý học sinh", _D(6)),
            ("Sổ điểm, học bạ điện tử", _D(10)),
            ("Quản lý đội ngũ", _D(6)),
            ("Quản lý cơ sở vật chất", _D(10)),
            ("Y tế trường học", _D(10)),
            ("Kế toán", _D(6)),
            ("Trao đổi dữ liệu định kỳ với CSDL ngành", _D(6)),
        ),
    ),
    Criterion(
        "2.4",
        "2",
        "Triển khai dịch vụ trực tuyến",
        _D(30),
        (
            ("Kết nối gia đình - nhà trường", _D(8)),
            ("Tuyển sinh đầu cấp trực tuyến", _D(12)),
            ("Thu phí không dùng tiền mặt", _D(10)),
        ),
    ),
)
BY_CODE: Final = {c.code: c for c in CRITERIA}
# Group II sums to 90 in the sources found: about 10 points are missing and NOT made up here.
UNCONFIRMED_NOTE: Final = (
    "Điểm từng tiêu chí lấy từ nguồn thứ cấp, cần đối chiếu với văn bản Quyết định 4725/QĐ-BGDĐT; nhóm "
    "II hiện cộng được 90/100 điểm (thiếu khoảng 10 điểm chưa tìm thấy). Cách hai mức của hai nhóm tạo "
    "thành một mức chung của trường chưa có trong nguồn: hệ thống chỉ hiển thị mức từng nhóm."
)


@dataclass(frozen=True)
class Answer:
    """A school's answer on one criterion: points for a scored one, met or not for a mandatory one."""

    points: Decimal | None = None
    met: bool | None = None


@dataclass(frozen=True)
class GroupResult:
    group: str
    points: Decimal
    max_points: Decimal
    level: int
    level_label: str
    answered: int
    criteria: int
    mandatory_unmet: tuple[str, ...]


def level_of(points: Decimal, mandatory_unmet: bool) -> Level:
    """A group's level by its total; a mandatory condition not met keeps it at level 1 (the index
    names them conditions of the higher levels: how exactly is to be checked, see the docs)."""
    if mandatory_unmet:
        return LEVELS[-1]
    return next(level for level in LEVELS if points >= level.min_points)


def group_results(answers: dict[str, Answer]) -> list[GroupResult]:
    results = []
    for group in GROUPS:
        criteria = [c for c in CRITERIA if c.group == group.code]
        total = sum(
            (
                (answers[c.code].points or Decimal(0))
                for c in criteria
                if c.code in answers and not c.mandatory
            ),
            Decimal(0),
        )
        unmet = tuple(
            c.code for c in criteria if c.mandatory and not (c.code in answers and answers[c.code].met)
        )
        level = level_of(total, bool(unmet))
        answered = sum(
            1
            for c in criteria
            if c.code in answers and (answers[c.code].met is not None or answers[c.code].points is not None)
        )
        results.append(
            GroupResult(
                group.code, total, group.max_points, level.level, level.label, answered, len(criteria), unmet
            )
        )
    return results


ValueKind = Literal["boolean", "percent", "count", "level", "computed"]
_HUNDRED: Final = Decimal(100)


def linked_codes(moet_4725: str | None) -> list[str]:
    """The criterion codes a movement indicator names ("1.3, 1.6"), those the index has."""
    if not moet_4725:
        return []
    return [c for c in (part.strip() for part in moet_4725.replace(";", ",").split(",")) if c in BY_CODE]


def linked_value(kind: str, codes: list[str], answers: dict[str, Answer]) -> Decimal | None:
    """The value a movement indicator takes from the school's 4725 result, or None (it stays typed).

    - percent: the share of the named criteria's points the school reached, in % (a mandatory
      condition counts 100 when met, 0 when not), rounded to 2 decimals;
    - boolean: 1 when every named criterion is met (a mandatory one met, a scored one above 0), else 0;
    - count and level indicators measure something the index scores differently (a number of
      materials, a level of use): they are not derived and stay typed by the school.
    A criterion the school has not answered leaves the indicator typed.
    """
    if not codes or kind not in ("percent", "boolean"):
        return None
    got = [answers.get(code) for code in codes]
    if any(a is None or (a.points is None and a.met is None) for a in got):
        return None
    pairs = [(BY_CODE[code], a) for code, a in zip(codes, got, strict=True) if a is not None]
    if kind == "boolean":
        ok = all(a.met if c.mandatory else (a.points or 0) > 0 for c, a in pairs)
        return Decimal(1) if ok else Decimal(0)
    reached = Decimal(0)
    possible = Decimal(0)
    for c, a in pairs:
        if c.max_points is None:
            reached += _HUNDRED if a.met else 0
            possible += _HUNDRED
        else:
            reached += a.points or 0
            possible += c.max_points
    return (reached * _HUNDRED / possible).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
