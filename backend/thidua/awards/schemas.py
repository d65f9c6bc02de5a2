"""What the awards sub-packages share in their request bodies: the strict input base and field types.

`ReviewInput` stays here although only nominations use it: assessments has a model of the same name,
so OpenAPI names this one by its module (`thidua__awards__schemas__ReviewInput`); moving it would
rename it in the published contract.
"""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from thidua.core.ids import Id

Text = Annotated[str, Field(max_length=8000)]
Reason = Annotated[str, Field(min_length=10, max_length=4000)]
Title = Annotated[str, Field(min_length=1, max_length=300)]
PersonLine = Annotated[str, Field(min_length=1, max_length=200)]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReviewInput(In):
    meeting_id: Id
    votes_for: Annotated[int, Field(ge=0, le=50)]
    votes_cast: Annotated[int, Field(ge=1, le=50)]
    comment: Annotated[str, Field(max_length=4000)] = ""
