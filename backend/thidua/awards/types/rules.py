"""The rule vocabulary of award types (CATALOGUE.md): rules are data stored on the award type and
validated here, so new award types need no code."""

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from thidua.conduct.models import DisciplineSeverity, FlagKind, StaffRatingValue
from thidua.initiatives.models import InitiativeKind, RecognitionLevel

Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
AwardCode = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Years = Annotated[int, Field(ge=1, le=10)]


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScorecardRule(_Rule):
    """A verified scorecard reaching a classification and/or completion in N consecutive school years."""

    kind: Literal["scorecard"]
    min_classification: Annotated[str, Field(min_length=1, max_length=30)] | None = None
    min_completion: Percent | None = None
    consecutive_years: Years = 1


class InitiativesRule(_Rule):
    """At least N recognised initiatives at a level or above, in the round's last year or all its years."""

    kind: Literal["initiatives"]
    min_count: Annotated[int, Field(ge=1, le=100)] = 1
    min_level: RecognitionLevel = RecognitionLevel.unit
    span: Literal["year", "round"] = "year"
    initiative_kinds: list[InitiativeKind] | None = Field(default=None, max_length=5)


class AwardHeldRule(_Rule):
    """Holding an award type (this one when the code is empty) at least N times, or N consecutive years.
    Span: the round's last year, the round's years, or the `years` school years ending with the round."""

    kind: Literal["award_held"]
    award_type_code: AwardCode | None = None
    min_count: Annotated[int, Field(ge=1, le=10)] = 1
    consecutive: bool = False
    span: Literal["year", "round", "recent"] = "round"
    years: Years | None = None


class IndicatorRule(_Rule):
    """An indicator's effective value on the verified scorecard of the round's last year."""

    kind: Literal["indicator"]
    indicator_code: Annotated[str, Field(min_length=1, max_length=20)]
    op: Literal["eq", "ne", "lt", "le", "gt", "ge"]
    value: Annotated[Decimal, Field(max_digits=12, decimal_places=2)]


class NoOpenFlagRule(_Rule):
    """No open flag of a kind (at a severity or above), on the subject or, for a collective, its members."""

    kind: Literal["no_open_flag"]
    flag_kind: FlagKind
    min_severity: DisciplineSeverity | None = None
    of_members: bool = False


class StaffRatingRule(_Rule):
    """The annual staff rating at a level or better, in N consecutive years ending with the round."""

    kind: Literal["staff_rating"]
    min_rating: StaffRatingValue
    consecutive_years: Years = 1


class HeadedSchoolRule(_Rule):
    """For a head of school (seed IV.1): the school they lead reached a classification in N consecutive
    school years ending with the round, as its stored scores hold it."""

    kind: Literal["headed_school"]
    min_classification: Annotated[str, Field(min_length=1, max_length=30)]
    consecutive_years: Years = 1


class MembersRule(_Rule):
    """For a collective: how many of its staff meet a condition in the round's last year."""

    kind: Literal["members"]
    award_type_code: AwardCode | None = None  # the member holds this award that year
    min_rating: StaffRatingValue | None = None  # or: the member's rating is at least this
    min_percent: Percent | None = None
    more_than: bool = False  # "> 50 %" rather than "≥ 50 %"
    min_count: Annotated[int, Field(ge=1, le=10_000)] | None = None


class QuotaRule(_Rule):
    """At most X % of a base, rounded down, never below 1 where anyone is eligible."""

    kind: Literal["quota"]
    percent: Percent
    of: Literal["eligible", "unit_staff", "commune_staff", "commune_units", "unit_award_holders"]
    award_type_code: AwardCode | None = None  # for unit_award_holders


class AnyOfRule(_Rule):
    """Passes when any of its rules passes (e.g. an initiative or an accepted research project)."""

    kind: Literal["any_of"]
    rules: list[
        Annotated[
            ScorecardRule
            | InitiativesRule
            | AwardHeldRule
            | IndicatorRule
            | NoOpenFlagRule
            | StaffRatingRule
            | HeadedSchoolRule
            | MembersRule,
            Field(discriminator="kind"),
        ]
    ] = Field(min_length=2, max_length=10)


Rule = Annotated[
    ScorecardRule
    | InitiativesRule
    | AwardHeldRule
    | IndicatorRule
    | NoOpenFlagRule
    | StaffRatingRule
    | HeadedSchoolRule
    | MembersRule
    | QuotaRule
    | AnyOfRule,
    Field(discriminator="kind"),
]
