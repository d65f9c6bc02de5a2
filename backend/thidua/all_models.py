"""Imports every table so SQLModel.metadata is complete (Alembic and tests read it)."""

from thidua.audit.models import AuditEvent
from thidua.auth.models import LoginThrottle, User, UserRole
from thidua.units.models import StaffMember, Unit

__all__ = ["AuditEvent", "LoginThrottle", "StaffMember", "Unit", "User", "UserRole"]
