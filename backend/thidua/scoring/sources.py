"""Computed indicators: named sources, each a function of the data in the system for a subject and
school year. A computed value is never typed in by the subject.

What a source is and how it is found is declared here; the sources themselves live with the data
they read (each domain's `sources.py`) and are registered at start-up by `thidua/registrations.py`,
so scoring never imports the domains above it. A source fills every computed indicator whose
`source` is the source's name. A name no source has registered shows as "no data yet" (unanswered,
0 points) rather than a made-up number.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from sqlmodel import Session

from thidua.scoring.subject import Subject

__all__ = [
    "LINKERS",
    "SOURCES",
    "Compute",
    "LinkedIndicator",
    "Linker",
    "Source",
    "Subject",
    "register",
    "register_linker",
]

# Computes many subjects of one school year at once (a single subject is a list of one).
Compute = Callable[[Session, list[Subject], str], dict[Subject, Decimal | None]]


@dataclass(frozen=True)
class Source:
    name: str  # what an indicator's `source` names
    label: str
    subject_kind: Literal["unit", "individual"]
    value_kind: Literal["boolean", "percent", "count"]
    compute: Compute | None = None


class _Registry(Mapping[str, Source]):
    """Sources by name, in the order they were registered (the order the API lists them in).

    Read before anything registered, it raises instead of answering "no such source": scoring
    without its sources would silently give computed indicators no value."""

    def __init__(self) -> None:
        self._sources: dict[str, Source] = {}

    def add(self, source: Source) -> None:
        known = self._sources.get(source.name)
        if known is not None and known != source:
            raise ValueError(f"two computed-indicator sources are named {source.name!r}")
        self._sources[source.name] = source

    def _loaded(self) -> dict[str, Source]:
        if not self._sources:
            raise RuntimeError(
                "no computed-indicator source is registered: import thidua.registrations at start-up"
            )
        return self._sources

    def __getitem__(self, name: str) -> Source:
        return self._loaded()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


SOURCES = _Registry()


def register(*sources: Source) -> None:
    """Add sources to the registry (a source registered twice is kept once)."""
    for source in sources:
        SOURCES.add(source)


# ---------------------------------------------------------------- linked indicators
# A typed indicator that names a criterion of another instrument (`Indicator.moet_4725`: the Ministry's
# digital-transformation index, QĐ 4725) takes its self value from the subject's result on that
# instrument when there is one; the reviewer's verified value still overrides it. The domain holding
# the results registers one linker (thidua/dti/sources.py); without one, the values stay typed.


@dataclass(frozen=True)
class LinkedIndicator:
    code: str
    kind: str
    link: str  # the indicator's moet_4725, e.g. "1.3, 1.6"


# The linked values of many subjects of one school year: subject -> indicator code -> value (an
# indicator missing from a subject's map keeps its typed value).
Linker = Callable[[Session, list[Subject], str, list[LinkedIndicator]], dict[Subject, dict[str, Decimal]]]
LINKERS: list[Linker] = []


def register_linker(linker: Linker) -> None:
    if linker not in LINKERS:
        LINKERS.append(linker)
