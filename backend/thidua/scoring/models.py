from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel


class ScoreGeneration(SQLModel, table=True):
    """One row whose value changes whenever a commit touches data that scores are computed from.
    Every server process compares it with the value its cached rankings were computed at."""

    __tablename__ = "score_generation"

    id: int = Field(primary_key=True)
    value: int = Field(sa_type=BigInteger)
