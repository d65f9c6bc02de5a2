"""The fictional demo commune: offices, ten schools with subject groups, ~150 staff, one login per role."""

from dataclasses import dataclass

DEMO_PASSWORD = "thidua2026"

COMMUNE = ("UBND-TT", "UBND xã Thanh Thủy")
OFFICES = [
    ("VHXH", "Phòng Văn hóa - Xã hội"),
    ("KT", "Phòng Kinh tế"),
    ("TTDVSNC", "Trung tâm Dịch vụ sự nghiệp công"),
]


@dataclass(frozen=True)
class DemoSchool:
    code: str
    name: str
    level: str
    short: str  # used in subject group names so they read well out of context


SCHOOLS = [
    DemoSchool("MN-TT", "Trường Mầm non Thanh Thủy", "preschool", "MN Thanh Thủy"),
    DemoSchool("MN-DX", "Trường Mầm non Đào Xá", "preschool", "MN Đào Xá"),
    DemoSchool("MN-ST", "Trường Mầm non Sơn Thủy", "preschool", "MN Sơn Thủy"),
    DemoSchool("TH-TT", "Trường Tiểu học Thanh Thủy", "primary", "TH Thanh Thủy"),
    DemoSchool("TH-DX", "Trường Tiểu học Đào Xá", "primary", "TH Đào Xá"),
    DemoSchool("TH-TP", "Trường Tiểu học Tân Phương", "primary", "TH Tân Phương"),
    DemoSchool("TH-HX", "Trường Tiểu học Hoàng Xá", "primary", "TH Hoàng Xá"),
    DemoSchool("THCS-TT", "Trường THCS Thanh Thủy", "lower_secondary", "THCS Thanh Thủy"),
    DemoSchool("THCS-DX", "Trường THCS Đào Xá", "lower_secondary", "THCS Đào Xá"),
    DemoSchool("TH-THCS-ST", "Trường Tiểu học và THCS Sơn Thủy", "inter_level", "TH&THCS Sơn Thủy"),
]

SUBJECT_GROUPS = {
    "preschool": [("NT", "Tổ Nhà trẻ"), ("MG", "Tổ Mẫu giáo"), ("VP", "Tổ Văn phòng")],
    "primary": [("K123", "Tổ khối 1-2-3"), ("K45", "Tổ khối 4-5"), ("VP", "Tổ Văn phòng")],
    "lower_secondary": [
        ("KHTN", "Tổ Khoa học tự nhiên"),
        ("KHXH", "Tổ Khoa học xã hội"),
        ("VP", "Tổ Văn phòng"),
    ],
    "inter_level": [("TH", "Tổ Tiểu học"), ("THCS", "Tổ Trung học cơ sở"), ("VP", "Tổ Văn phòng")],
}

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Ngọc", "Thị Minh", "Thanh", "Thị Hồng", "Thị Kim"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Mạnh"]
GIVEN_F = [
    "Hương",
    "Lan",
    "Hà",
    "Mai",
    "Nga",
    "Thảo",
    "Phương",
    "Hạnh",
    "Trang",
    "Quyên",
    "Yến",
    "Loan",
    "Oanh",
    "Huyền",
    "Giang",
    "Nhung",
    "Thủy",
    "Hiền",
]
GIVEN_M = ["Dũng", "Hùng", "Tuấn", "Sơn", "Long", "Thắng", "Cường", "Khánh", "Hải", "Trung", "Đạt", "Việt"]

STAFF_PER_SCHOOL = 15


@dataclass(frozen=True)
class DemoStaff:
    code: str
    full_name: str
    position: str
    unit_code: str


def _name(n: int) -> str:
    female = n % 4 != 3  # the sector's staff are mostly women
    family = FAMILY[(n * 7) % len(FAMILY)]
    if female:
        return f"{family} {MIDDLE_F[(n * 3) % len(MIDDLE_F)]} {GIVEN_F[(n * 5) % len(GIVEN_F)]}"
    return f"{family} {MIDDLE_M[(n * 3) % len(MIDDLE_M)]} {GIVEN_M[(n * 5) % len(GIVEN_M)]}"


def school_staff() -> list[DemoStaff]:
    staff: list[DemoStaff] = []
    n = 0
    for school in SCHOOLS:
        groups = SUBJECT_GROUPS[school.level]
        for i in range(STAFF_PER_SCHOOL):
            n += 1
            if i == 0:
                position, unit = "Hiệu trưởng", school.code
            elif i == 1:
                position, unit = "Phó Hiệu trưởng", school.code
            elif i in (2, 3):
                position, unit = ("Nhân viên kế toán" if i == 2 else "Nhân viên văn thư"), f"{school.code}-VP"
            else:
                group_code = groups[i % 2][0]
                position, unit = (
                    ("Tổ trưởng chuyên môn" if i in (4, 5) else "Giáo viên"),
                    f"{school.code}-{group_code}",
                )
            staff.append(DemoStaff(f"{school.code}-{i + 1:02d}", _name(n), position, unit))
    return staff


@dataclass(frozen=True)
class DemoUser:
    login: str
    full_name: str
    roles: tuple[str, ...]
    unit_code: str | None
    staff_code: str | None = None


USERS = [
    DemoUser("admin", "Quản trị hệ thống", ("admin",), "UBND-TT"),
    DemoUser("vhxh", "Nguyễn Thị Thu Hà", ("commune_officer",), "VHXH"),
    DemoUser("chutich", "Trần Văn Thành", ("commune_leader",), "UBND-TT"),
    DemoUser("kiemtra", "Lê Minh Tuấn", ("inspector",), "VHXH"),
    DemoUser("truyenthong", "Phạm Thị Lan", ("communications",), "TTDVSNC"),
    DemoUser("kinhte", "Hoàng Văn Nam", ("finance",), "KT"),
    DemoUser("hieutruong.thcs", "", ("unit_manager",), "THCS-TT", "THCS-TT-01"),
    DemoUser("hieutruong.th", "", ("unit_manager",), "TH-TT", "TH-TT-01"),
    DemoUser("hieutruong.thdx", "", ("unit_manager",), "TH-DX", "TH-DX-01"),
    DemoUser("hieutruong.thtp", "", ("unit_manager",), "TH-TP", "TH-TP-01"),
    DemoUser("hieutruong.mn", "", ("unit_manager",), "MN-TT", "MN-TT-01"),
    DemoUser("giaovien.thcs", "", ("staff",), "THCS-TT", "THCS-TT-07"),
    DemoUser("tichhop", "Hệ thống tích hợp (demo)", ("integration",), "UBND-TT"),
]
