"""Step 4 of a chunk, report: the counts and the per-row errors, and at the end the import's summary
and its one audit event (with the counts, not one event per row)."""

from dataclasses import asdict
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert

from thidua.audit.models import AuditEvent
from thidua.auth.policy import Actor
from thidua.core.models import utcnow
from thidua.imports.messages import Message
from thidua.imports.schemas import MAX_REPORTED_ERRORS, ImportSummary, RowError
from thidua.imports.steps.parse import RowReader

if TYPE_CHECKING:
    from thidua.imports.service import ImportOptions

A = AuditEvent.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__


class Report:
    """What one import has done so far: rows counted by outcome, and why rows were refused."""

    def __init__(self) -> None:
        self.total = self.created = self.updated = self.unchanged = self.rejected = 0
        self.errors: list[RowError] = []
        self.errors_truncated = False

    def error(self, row: int, column: str | None, value: str | None, message: Message) -> None:
        if len(self.errors) >= MAX_REPORTED_ERRORS:
            self.errors_truncated = True
            return
        if value is not None and len(value) > 200:
            value = value[:200] + "…"
        self.errors.append(
            RowError(row=row, column=column, value=value, message_vi=message[0], message_en=message[1])
        )

    def reject(self, row: int, column: str | None, value: str | None, message: Message) -> None:
        """The whole row is refused for one reason."""
        self.rejected += 1
        self.error(row, column, value, message)

    def reject_reader(self, reader: RowReader) -> bool:
        """Refuse the row when it has problems; True when it was refused."""
        if not reader.problems:
            return False
        self.rejected += 1
        for column, value, message in reader.problems:
            self.error(reader.number, column, value, message)
        return True

    def count(self, outcome: str) -> None:
        if outcome == "create":
            self.created += 1
        elif outcome == "update":
            self.updated += 1
        else:
            self.unchanged += 1


_COUNTS = ("total", "created", "updated", "unchanged", "rejected", "errors", "errors_truncated")


def summary(
    report: Report, options: "ImportOptions", ignored: list[str], job_id: int | None
) -> ImportSummary:
    """The outcome: kept when neither a dry run nor an all-or-nothing import with a refused row."""
    keep = not options.dry_run and not (options.atomic and report.rejected)
    status = "completed" if keep else ("dry_run" if options.dry_run else "rejected")
    counts = {name: getattr(report, name) for name in _COUNTS}
    return ImportSummary(**asdict(options), status=status, **counts, ignored_columns=ignored, job_id=job_id)


def audit(
    conn: Connection, actor: Actor, options: "ImportOptions", summary: ImportSummary, job_id: int | None
) -> None:
    counts = summary.model_dump(include={"total", "created", "updated", "unchanged", "rejected"})
    conn.execute(
        insert(A),
        {
            "occurred_at": utcnow(),
            "actor_user_id": actor.id,
            "actor_login": actor.login,
            "action": "import",
            "entity_type": "import",
            "entity_id": job_id,
            "before": None,
            "after": {
                "kind": options.kind.value,
                "format": options.format.value,
                "strategy": options.strategy.value,
                "atomic": options.atomic,
                "api_key_id": actor.api_key_id,
                **counts,
            },
        },
    )
