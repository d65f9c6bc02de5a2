"""Benchmark of the scoring engine: a full recompute of a commune-sized school year, and the latency
of re-scoring one subject after one entry changes.

Run: ``.venv/bin/python bench/bench_scoring_engine.py`` (from the repository root, or anywhere).
Data: 3,000 schools on the institution framework (17 indicators) and 60,000 staff members on the
individual framework (7 indicators), generated with a fixed seed: values valid for each kind, about
20 % verified (some lower than declared), about 6 % missing.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fixtures.scoring_catalogue import catalogue_frameworks

from thidua.scoring.engine import (
    EntryValues,
    FrameworkSpec,
    IndicatorSpec,
    Scorecard,
    competition_rank,
    score,
    score_many,
)

SEED = 20252026
SCHOOLS = 3_000
STAFF = 60_000
RUNS = 3
CHANGES = 1_000
RERANK_EVERY = 20  # re-rank after every 20th change (a ranking of 60,000 takes tens of ms)
MISSING_SHARE = 0.06
VERIFIED_SHARE = 0.20

Values = dict[str, EntryValues]
Subjects = dict[str, Values]


def _value_maker(spec: IndicatorSpec, rng: random.Random) -> Callable[[], Decimal]:
    """A generator of valid values for one indicator. Every value is a new Decimal object, as rows
    from a database driver are."""
    target = int(spec.target) if spec.target is not None else 1
    if spec.kind == "boolean":
        return lambda: Decimal(1 if rng.random() < 0.8 else 0)
    if spec.kind == "percent":  # 0.0 … 100.0, mostly high
        return lambda: Decimal(min(1000, int(rng.triangular(300, 1000, 900)))).scaleb(-1)
    if spec.kind == "level":
        levels = sorted({int(band.min_value) for band in spec.bands} | {0})
        return lambda: Decimal(rng.choice(levels))
    if spec.direction == "lower":  # incidents: mostly none
        return lambda: Decimal(0 if rng.random() < 0.9 else rng.randint(1, 3))
    return lambda: Decimal(rng.randint(0, target * 2 + 1))


def generate(framework: FrameworkSpec, count: int, prefix: str, rng: random.Random) -> Subjects:
    makers = [(spec.code, _value_maker(spec, rng)) for spec in framework.indicators]
    subjects: Subjects = {}
    for number in range(count):
        values: Values = {}
        for code, make in makers:
            draw = rng.random()
            if draw < MISSING_SHARE:
                continue
            self_value = make()
            if draw < MISSING_SHARE + VERIFIED_SHARE:
                verified = make()
                values[code] = EntryValues(self_value, min(self_value, verified))
            else:
                values[code] = EntryValues(self_value)
        subjects[f"{prefix}{number:05d}"] = values
    return subjects


def full_recompute(
    work: list[tuple[FrameworkSpec, Subjects]],
) -> list[tuple[dict[str, Scorecard], list[tuple[str, int]]]]:
    results = []
    for framework, subjects in work:
        cards = score_many(framework, subjects)
        ranking = competition_rank([(key, card.completion_percent) for key, card in cards.items()])
        results.append((cards, ranking))
    return results


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def main() -> None:
    rng = random.Random(SEED)
    frameworks = catalogue_frameworks()
    institution, individual = frameworks["unit"], frameworks["individual"]
    started = time.perf_counter()
    schools = generate(institution, SCHOOLS, "S", rng)
    staff = generate(individual, STAFF, "P", rng)
    work = [(institution, schools), (individual, staff)]
    scorecards = SCHOOLS + STAFF
    values = SCHOOLS * len(institution.indicators) + STAFF * len(individual.indicators)
    print(
        f"data: {SCHOOLS:,} schools × {len(institution.indicators)} indicators + {STAFF:,} staff × "
        f"{len(individual.indicators)} indicators = {scorecards:,} scorecards, {values:,} indicator values "
        f"(generated in {time.perf_counter() - started:.2f} s, seed {SEED})"
    )

    timings: list[float] = []
    per_framework: list[list[float]] = [[], []]
    for _ in range(RUNS):
        t0 = time.perf_counter()
        for index, (framework, subjects) in enumerate(work):
            t1 = time.perf_counter()
            full_recompute([(framework, subjects)])
            per_framework[index].append(time.perf_counter() - t1)
        timings.append(time.perf_counter() - t0)
    best = min(timings)
    print(
        f"full recompute: {best:.2f} s ({scorecards / best:,.0f} scorecards/s, {values / best:,.0f} values/s)"
        f" — best of {RUNS}: {', '.join(f'{t:.2f}' for t in timings)} s"
    )
    print(
        f"  institution: {min(per_framework[0]):.3f} s for {SCHOOLS:,} scorecards + ranking; "
        f"individual: {min(per_framework[1]):.3f} s for {STAFF:,} scorecards + ranking"
    )

    # One entry changes; the subject is scored again (and, separately, its framework re-ranked).
    cards = [score_many(framework, subjects) for framework, subjects in work]
    keys = [(index, key) for index, (_, subjects) in enumerate(work) for key in subjects]
    rescore: list[float] = []
    rerank: list[float] = []
    for _ in range(CHANGES):
        index, key = rng.choice(keys)
        framework, subjects = work[index]
        spec = rng.choice(framework.indicators)
        values_of = subjects[key]
        values_of[spec.code] = EntryValues(_value_maker(spec, rng)())
        t0 = time.perf_counter()
        card = score(framework, values_of)
        rescore.append(time.perf_counter() - t0)
        framework_cards = cards[index]
        framework_cards[key] = card
        if len(rescore) % RERANK_EVERY == 0:
            t1 = time.perf_counter()
            competition_rank([(k, c.completion_percent) for k, c in framework_cards.items()])
            rerank.append(time.perf_counter() - t1)

    def quantiles(samples: list[float]) -> tuple[float, float]:
        cuts = statistics.quantiles(samples, n=100, method="inclusive")
        return cuts[49], cuts[94]

    p50, p95 = quantiles(rescore)
    print(f"re-score one subject after one change: p50 {_ms(p50)}, p95 {_ms(p95)} (over {CHANGES:,} changes)")
    p50, p95 = quantiles(rerank)
    print(f"re-rank its framework afterwards: p50 {_ms(p50)}, p95 {_ms(p95)} (over {len(rerank)} changes)")


if __name__ == "__main__":
    main()
