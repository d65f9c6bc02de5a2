"""Kho học liệu số dùng chung (seed IV.7): digital learning materials every school may browse and
download, shared by a school (a link, a file, or both)."""

from enum import StrEnum

from sqlmodel import Field

from thidua.core.models import Versioned


class Licence(StrEnum):
    cc_by = "cc_by"
    cc_by_sa = "cc_by_sa"
    cc_by_nc = "cc_by_nc"
    cc0 = "cc0"
    internal = "internal"


LICENCE_LABELS_VI = {
    Licence.cc_by: "CC BY 4.0 (ghi công tác giả)",
    Licence.cc_by_sa: "CC BY-SA 4.0 (ghi công, chia sẻ tương tự)",
    Licence.cc_by_nc: "CC BY-NC 4.0 (ghi công, phi thương mại)",
    Licence.cc0: "CC0 (tặng cho công chúng)",
    Licence.internal: "Dùng nội bộ các trường trong xã",
}


class LearningMaterial(Versioned, table=True):
    __tablename__ = "learning_material"

    unit_id: int = Field(foreign_key="unit.id", index=True)  # the school that shares it
    title: str = Field(max_length=300)
    author: str = Field(max_length=300)
    subject: str = Field(max_length=100, index=True)
    grade: str = Field(max_length=50, index=True)
    licence: str = Field(max_length=20)
    description: str = Field(default="", max_length=4000)
    url: str | None = Field(default=None, max_length=2000)
    file_sha256: str | None = Field(default=None, max_length=64)
    file_content_type: str | None = Field(default=None, max_length=100)
    file_size_bytes: int | None = None
    file_name: str | None = Field(default=None, max_length=255)
    created_by_id: int = Field(foreign_key="user_account.id")
