from datetime import date
from typing import Literal

from pydantic import BaseModel


class Reminder(BaseModel):
    kind: Literal[
        "plan",
        "report",
        "self_assessment",
        "plan_review",
        "assessment_review",
        "inspection",
        "nomination_review",
        "nomination_approval",
        "decision_sign",
    ]
    title: str
    due_date: date | None
    days_left: int | None
    overdue: bool
    link: str  # a path of the web app
