"""Checking rows of self-assessment values: the subject (a school or a staff member in the caller's
scope), the indicator of an active scorecard, the school year of its movement, the value, the note."""

from decimal import Decimal

from thidua.imports.context import ImportContext
from thidua.imports.kinds.entries.catalogue import KnownIndicator, Pending, State, parse_value
from thidua.imports.messages import M, Message
from thidua.imports.parsing import Row
from thidua.imports.steps import parse

# (framework id, subject key, school year) -> (subject kind, unit id, staff id): assessments to find
Wanted = dict[tuple[int, str, str], tuple[str, int, int | None]]
Subject = tuple[str, str, int, int | None] | tuple[str, Message]

_SUBJECT = {"unit": ("đơn vị", "unit"), "individual": ("cá nhân", "individual")}
_BOTH: Message = (
    "Chỉ điền một trong hai cột: unit_code (đánh giá đơn vị) hoặc staff_code (đánh giá cá nhân).",
    "Fill either unit_code (a unit assessment) or staff_code (an individual one), not both.",
)
_NEITHER: Message = (
    "Cần unit_code (đánh giá đơn vị) hoặc staff_code (đánh giá cá nhân).",
    "unit_code (a unit assessment) or staff_code (an individual one) is required.",
)
_COMPUTED: Message = (
    "Chỉ tiêu này do hệ thống tự tính; không nhập giá trị.",
    "This indicator is computed by the system; it takes no value.",
)


def check_rows(
    ctx: ImportContext, st: State, rows: list[Row], has_note: bool
) -> tuple[list[Pending], Wanted]:
    """The rows that passed, and the assessments they need that the import has not found yet; the
    others are reported. Files repeat their subjects, indicators and values row after row: each is
    resolved once per import, and the loop keeps its look-ups inline (it runs for every row)."""
    reject = ctx.reject
    subjects, indicators, assessments, years = st.subjects, st.indicators, st.assessments, st.years
    pending: list[Pending] = []
    wanted: Wanted = {}
    for number, cells in rows:
        staff_code = cells.get("staff_code", "")
        unit_code = cells.get("unit_code", "")
        subject = subjects.get(staff_code + "\x00" + unit_code)
        if subject is None:
            subject = subjects[staff_code + "\x00" + unit_code] = subject_of(ctx, staff_code, unit_code)
        if len(subject) == 2:
            column = subject[0]
            reject(number, column, cells.get(column, ""), subject[1])  # type: ignore[arg-type]  # (column, why)
            continue
        subject_kind, subject_key, unit_id, staff_id = subject  # type: ignore[misc]  # a found subject
        ind_code, fw_code = cells.get("indicator_code", ""), cells.get("framework_code", "")
        ind = indicators[subject_kind].get(ind_code + "\x00" + fw_code) or indicator_of(
            st, subject_kind, ind_code, fw_code
        )
        if type(ind) is not KnownIndicator:
            reject(number, ind[0], cells.get(ind[0], ""), ind[1])  # type: ignore[index]  # (column, why)
            continue
        year = years[ind.framework_id].get(cells.get("school_year", ""))  # the one shared string
        if year is None:
            text = cells.get("school_year", "")
            reject(number, "school_year", text, year_problem(st, ind, text))
            continue
        text = cells.get("value", "")
        stored: int | None = None
        if text:
            parsed = ind.values.get(text) or value_of(ind, text)
            if type(parsed[0]) is str:
                reject(number, "value", text, parsed)
                continue
            stored = parsed[1]  # type: ignore[assignment]  # (value, stored hundredths) here
        note: str | None = None
        if has_note:
            note = cells.get("note") or None
            if note is not None and len(note) > 2000:
                reject(number, "note", note, M.too_long(2000))
                continue
        key = (ind.framework_id, subject_key, year)
        if key not in assessments:
            wanted[key] = (subject_kind, unit_id, staff_id)
        pending.append((number, key, ind, stored, note))
    return pending, wanted


def subject_of(ctx: ImportContext, staff_code: str, unit_code: str) -> Subject:
    """(subject kind, subject key, unit id, staff id), or (column, why not)."""
    if staff_code:
        if unit_code:
            return "unit_code", _BOTH
        staff = ctx.staff.find(staff_code)
        if staff is None or not ctx.sees(staff.unit_id):
            return "staff_code", M.not_in_scope("cán bộ", "staff member", staff_code)
        return "individual", f"staff:{staff.id}", staff.unit_id, staff.id
    if not unit_code:
        return "unit_code", _NEITHER
    unit = ctx.units.find(unit_code)
    if unit is None or not ctx.sees(unit.id):
        return "unit_code", M.not_in_scope("đơn vị", "unit", unit_code)
    if unit.kind != "school":
        return "unit_code", (
            f"Bảng điểm đơn vị dành cho cơ sở giáo dục; '{unit.code}' không phải trường học.",
            f"Unit scorecards are for schools; '{unit.code}' is not a school.",
        )
    return "unit", f"unit:{unit.id}", unit.id, None


def indicator_of(
    st: State, subject_kind: str, ind_code: str, fw_code: str
) -> KnownIndicator | tuple[str, Message]:
    """The indicator a row means, or (column, why not); remembered for the next rows."""
    known = st.indicators[subject_kind]
    found = known.get(ind_code + "\x00" + fw_code)
    if found is None:
        found = _indicator(st, subject_kind, ind_code, fw_code)
        if len(known) < 10_000:
            known[ind_code + "\x00" + fw_code] = found
    return found


def _indicator(
    st: State, subject_kind: str, ind_code: str, fw_code: str
) -> KnownIndicator | tuple[str, Message]:
    if not ind_code:
        return "indicator_code", M.required
    candidates = st.by_code.get((subject_kind, ind_code.upper()))
    if candidates and fw_code:
        candidates = [c for c in candidates if c.framework_code.upper() == fw_code.upper()]
    if not candidates:
        what = _SUBJECT[subject_kind]
        named = f" '{fw_code}'." if fw_code else "."
        return "indicator_code", (
            f"Không có chỉ tiêu mã '{ind_code}' trong bảng điểm {what[0]} đang sử dụng{named}",
            f"No indicator '{ind_code}' in the active {what[1]} scorecard{named}",
        )
    if len(candidates) > 1:
        listed = ", ".join(c.framework_code for c in candidates)
        return "framework_code", (
            f"Chỉ tiêu '{ind_code}' có trong nhiều bảng điểm đang dùng ({listed}); "
            "hãy điền cột framework_code.",
            f"Indicator '{ind_code}' is in several active scorecards ({listed}); fill framework_code.",
        )
    if candidates[0].computed:
        return "indicator_code", _COMPUTED
    return candidates[0]


def value_of(ind: KnownIndicator, text: str) -> tuple[Decimal, int] | Message:
    """The value a cell gives the indicator, or why it does not fit; remembered for the next rows."""
    parsed = parse_value(ind, text)
    if len(ind.values) < 10_000:
        ind.values[text] = parsed
    return parsed


def year_problem(st: State, ind: KnownIndicator, year: str) -> Message:
    try:
        parse.school_year(year)
    except parse.CellError as exc:
        return exc.message if year else M.required
    span = st.spans[ind.framework_id]
    return (
        f"Năm học phải nằm trong thời gian phong trào ({span}).",
        f"The school year must fall within the movement ({span}).",
    )
