"""String types used by request schemas: trimmed, NFC-normalised Vietnamese, bounded length."""

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, StringConstraints


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


Code = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
    ),
]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255), AfterValidator(_nfc)
]
PersonName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120), AfterValidator(_nfc)
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120), AfterValidator(_nfc)]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
]
Phone = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=20, pattern=r"^\+?[0-9 .-]{6,20}$")
]
