from pydantic import BaseModel


class LookupItem(BaseModel):
    """One choice of a picker: the id a form sends and the words a person recognises it by."""

    id: int
    label: str  # a name: a person's full name, a unit's name, "code – name" of an indicator
    detail: str | None = None  # what tells two equal names apart: a login, a unit code, a version
