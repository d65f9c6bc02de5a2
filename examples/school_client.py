"""An example client for a school's IT person: Thi Đua Số over HTTP with httpx.

    python examples/school_client.py --base-url http://127.0.0.1:8000 --school TH-TT \
        --admin admin --admin-password thidua2026            # the administrator issues a key first
    python examples/school_client.py --base-url ... --school TH-TT --api-key tds_...   # or reuse one

It (1) gets an API key scoped to the school, (2) downloads the staff import template, (3) imports
staff from a CSV file (a dry run first, then for real with an Idempotency-Key, so a retry is safe),
(4) uploads self-assessment indicator values, and (5) fetches the school's scorecard.
Everything is plain HTTP: read it as documentation of the API as much as a tool.
"""

import argparse
import csv
import io
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx

SCOPES = [
    "units:read",
    "staff:read",
    "staff:import",
    "assessments:read",
    "assessments:import",
    "scorecards:read",
]


def fail_on_error(response: httpx.Response) -> Any:
    """Errors are RFC 9457 problem details: show the message and every field error, then stop."""
    if response.is_success:
        return (
            response.json()
            if response.headers.get("content-type", "").startswith("application/json")
            else None
        )
    problem = response.json()
    lines = [f"{response.status_code} {problem.get('title')}: {problem.get('detail')}"]
    lines += [f"  {e['path']}: {e['message']}" for e in problem.get("errors", [])]
    raise SystemExit("\n".join(lines))


def issue_key(client: httpx.Client, admin: str, password: str, school: str) -> str:
    """The administrator's part: a key for the integration account, limited to one school."""
    token = fail_on_error(
        client.post(
            "/api/v1/auth/token", data={"username": admin, "password": password, "grant_type": "password"}
        )
    )["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    account = fail_on_error(client.get("/api/v1/users", params={"role": "integration"}, headers=auth))[
        "items"
    ][0]
    unit = school_unit(client, auth, school)
    created = fail_on_error(
        client.post(
            "/api/v1/api-keys",
            json={
                "name": f"Máy chủ của {unit['name']}",
                "service_account_id": account["id"],
                "scopes": SCOPES,
                "unit_id": unit["id"],
            },
            headers=auth,
        )
    )
    print(f"1. Khóa API cho {unit['name']} (chỉ hiện một lần, hãy lưu lại): {created['secret']}")
    return str(created["secret"])


def school_unit(client: httpx.Client, headers: dict[str, str], code: str) -> dict[str, Any]:
    units = fail_on_error(client.get("/api/v1/units", params={"q": code, "limit": 50}, headers=headers))[
        "items"
    ]
    for unit in units:
        if unit["code"] == code:
            return dict(unit)
    raise SystemExit(f"No unit with code {code}")


def print_summary(title: str, summary: dict[str, Any]) -> None:
    counts = ", ".join(f"{k} {summary[k]}" for k in ("created", "updated", "unchanged", "rejected"))
    print(f"   {title}: {summary['status']} - {counts}")
    for error in summary["errors"]:
        print(f"     dòng {error['row']}, cột {error['column']} ({error['value']!r}): {error['message_vi']}")


def import_csv(
    client: httpx.Client, headers: dict[str, str], kind: str, text: str, title: str
) -> dict[str, Any]:
    """A dry run, then the real import with an Idempotency-Key (the same key on a retry does it once)."""
    body = text.encode("utf-8")
    csv_headers = {**headers, "Content-Type": "text/csv"}
    dry = fail_on_error(
        client.post(f"/api/v1/imports/{kind}", params={"dry_run": "true"}, content=body, headers=csv_headers)
    )
    print_summary(f"{title} (chạy thử)", dry)
    if dry["rejected"]:
        raise SystemExit("   Sửa các dòng lỗi trong tệp rồi chạy lại.")
    key = str(uuid.uuid4())
    done = fail_on_error(
        client.post(f"/api/v1/imports/{kind}", content=body, headers={**csv_headers, "Idempotency-Key": key})
    )
    print_summary(title, done)
    return dict(done)


def run(client: httpx.Client, api_key: str, school: str, year: str, workdir: Path) -> dict[str, Any]:
    headers = {"X-API-Key": api_key}
    unit = school_unit(client, headers, school)

    template = client.get("/api/v1/imports/templates/staff.csv?lang=en", headers=headers)  # machine names
    fail_on_error(template)
    (workdir / "staff-template.csv").write_bytes(template.content)
    columns = next(csv.reader(io.StringIO(template.content.decode("utf-8-sig"))))
    print(f"2. Mẫu nhập cán bộ đã lưu vào {workdir / 'staff-template.csv'}: {', '.join(columns)}")

    staff = io.StringIO()
    writer = csv.DictWriter(staff, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for n, name in enumerate(["Nguyễn Thị Minh Anh", "Trần Quốc Bảo"], 1):
        writer.writerow(
            {"code": f"{school}-IT{n:02d}", "full_name": name, "position": "Giáo viên", "unit_code": school}
        )
    (workdir / "staff.csv").write_text(staff.getvalue(), encoding="utf-8")
    print("3. Nhập cán bộ từ staff.csv")
    staff_summary = import_csv(client, headers, "staff", staff.getvalue(), "Cán bộ")

    values = "unit_code,indicator_code,school_year,value,note\n" + "".join(
        f"{school},{code},{year},{value},Số liệu từ hệ thống quản lý trường\n"
        for code, value in (("TC2.1", "85"), ("TC2.3", "40"), ("TC2.4", "95"), ("TC5.2", "0"))
    )
    print(f"4. Gửi giá trị chỉ tiêu tự đánh giá năm học {year}")
    entries_summary = import_csv(client, headers, "assessment_entries", values, "Giá trị chỉ tiêu")

    assessments = fail_on_error(
        client.get(
            "/api/v1/self-assessments",
            params={"unit_id": unit["id"], "school_year": year, "subject_kind": "unit"},
            headers=headers,
        )
    )["items"]
    card = fail_on_error(client.get(f"/api/v1/scorecards/{assessments[0]['id']}", headers=headers))
    total = f"{card['self_total']}/{card['max_total']}"
    print(
        f"5. Bảng điểm {card['subject_name']} năm học {year}: tự đánh giá {total} điểm, "
        f"xếp loại hiện tại {card['classification_label']} ({card['status']})"
    )
    return {"staff": staff_summary, "entries": entries_summary, "scorecard": card}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--school", default="TH-TT", help="mã đơn vị của trường")
    parser.add_argument("--year", default="2026-2027", help="năm học của các giá trị chỉ tiêu")
    parser.add_argument("--api-key", help="khóa đã có (bỏ trống để quản trị viên cấp khóa mới)")
    parser.add_argument("--admin", default="admin")
    parser.add_argument("--admin-password")
    parser.add_argument("--workdir", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    with httpx.Client(base_url=args.base_url, timeout=60) as client:
        key = args.api_key
        if not key:
            if not args.admin_password:
                parser.error("give --api-key, or --admin-password so the administrator can issue one")
            key = issue_key(client, args.admin, args.admin_password, args.school)
        run(client, key, args.school, args.year, args.workdir)


if __name__ == "__main__":
    main(sys.argv[1:])
