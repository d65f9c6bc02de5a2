"""Two writers who both passed the If-Match check cannot both win: the UPDATE itself checks the
version, and the loser gets 412 with nothing lost."""

import pytest
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from tests.helpers import World
from thidua.db import make_engine
from thidua.units.models import Unit


def test_racing_updates_of_the_same_version_lose_nothing(world: World) -> None:
    engine = make_engine(world.settings.resolved_database_url)
    unit_id = world.units["TH-B"]
    with Session(engine) as first, Session(engine) as second:
        mine, theirs = first.get(Unit, unit_id), second.get(Unit, unit_id)
        assert mine is not None and theirs is not None and mine.version == theirs.version == 1
        mine.name = "Tên của người thứ nhất"
        first.commit()
        theirs.address = "Địa chỉ của người thứ hai"
        with pytest.raises(StaleDataError):
            second.commit()
    with Session(engine) as check:
        stored = check.get(Unit, unit_id)
        assert stored is not None
        assert (stored.name, stored.address, stored.version) == ("Tên của người thứ nhất", None, 2)
    engine.dispose()
