"""The kinds of data that can be imported and exported, by name."""

from thidua.imports.kinds.activities import ActivitiesKind
from thidua.imports.kinds.base import ImportKind
from thidua.imports.kinds.comms_outputs import CommsOutputsKind
from thidua.imports.kinds.dti import DtiKind
from thidua.imports.kinds.entries import EntriesKind
from thidua.imports.kinds.initiatives import InitiativesKind
from thidua.imports.kinds.materials import MaterialsKind
from thidua.imports.kinds.partners import PartnersKind
from thidua.imports.kinds.staff import StaffKind
from thidua.imports.kinds.units import UnitsKind
from thidua.imports.kinds.users import UsersKind
from thidua.imports.schemas import ImportKindName

KINDS: dict[ImportKindName, ImportKind] = {
    kind.name: kind
    for kind in (
        UnitsKind(),
        StaffKind(),
        UsersKind(),
        EntriesKind(),
        ActivitiesKind(),
        InitiativesKind(),
        DtiKind(),
        PartnersKind(),
        MaterialsKind(),
        CommsOutputsKind(),
    )
}

__all__ = ["KINDS", "ImportKind"]
