"""Sensitivity and path (METHODOLOGY 2c): margins, the smallest changes that move a tier, fragility.

Every variant is decided by ``decide.decide``, the function ``tiering.place`` decides with, on
the same ``Setting`` (history, indicators and waiver request) and with no decision override, so
a path can never disagree with the rules. Only four facts of the findings reach the rules: the
efforts score, whether every legal standard is met, whether a disqualifier applies and whether
the progress criterion is met. The search works on those:

- scores are counted in integer units (the least common denominator of every weight x score),
  so that a variant's score is a sum of integers, and a variant is decided once per distinct
  (score, legal, disqualifier, progress) key, never twice;
- sets are tried by size, 1 to ``path_max_changes``, each size in order of the ids; the first
  size with a hit is the smallest, and every hit of that size is minimal, since no smaller set
  reaches a better (or worse) tier. The search stops at five hits;
- the tier is monotone in each finding, so a branch is cut when even its most favourable
  completion (the largest score gains left, every legal standard and disqualifier step left,
  the progress criterion met) does not reach the tier sought;
- two steps with the same effect are interchangeable: once a step's branch has found nothing,
  a later step with the same effect (and the same effect of its second step) is not tried.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from tierreport.model import (
    TIER_ORDER,
    Country,
    Margin,
    PathSet,
    PlacementTier,
    Standards,
    Step,
)
from tierreport.tiering.decide import Outcome, Setting, decide
from tierreport.tiering.scoring import finding_of

MOST = 5
"""Sets listed per direction at most (METHODOLOGY 2c)."""

UP = {"unassessed": "partial", "not_met": "partial", "partial": "met"}
"""The one-step improvement of an effort-criterion finding (a draft's unassessed counts as not
met)."""
DOWN = {"met": "partial", "partial": "not_met"}
"""The one-step worsening of an effort-criterion finding."""


def margins(setting: Setting, score: Fraction, outcome: Outcome) -> tuple[Margin, ...]:
    """Score minus threshold for each threshold the score was compared with, in the rules' order.

    ``tier1_min_efforts`` always (step 3); ``significant_efforts_min`` when the country does not
    fully meet the standards (step 4); ``proportional_action_min`` when, on base Tier 2, the
    numbers are very significant or rising (step 5, indicators test).
    """
    compared = ["tier1_min_efforts"]
    if not outcome.fully_meets:
        compared.append("significant_efforts_min")
        if outcome.significant and setting.flagged:
            compared.append("proportional_action_min")
    return tuple(
        Margin(name, getattr(setting, name), score - getattr(setting, name)) for name in compared
    )


class _Move(NamedTuple):
    """A one-step change and its effect on the four facts the rules read."""

    step: tuple[str, str, str, str]
    """(id, finding before, finding after, title): a ``Step`` once the move is in a path."""
    points: int
    """Change of the score's numerator, in integer units."""
    legal: int
    """Change of the number of legal standards not met."""
    disqualifiers: int
    """Change of the number of disqualifiers that apply."""
    progress: bool | None
    """Whether the progress criterion is met after the step; None: the step does not touch it."""
    requires: int | None
    """Index of the step that must come first (the first of two steps on one criterion)."""


State = tuple[int, int, int, bool]
"""Score numerator, legal standards not met, disqualifiers, progress criterion met."""


@dataclass
class _Variants:
    """Decides variants of one country's findings, each distinct key once."""

    setting: Setting
    unit: int
    """Integer units per score point (the score numerator is points / unit / weight)."""
    weight: Fraction
    """Total weight of the applicable criteria (no step changes it)."""

    def __post_init__(self) -> None:
        self.seen: dict[tuple[int, bool, bool, bool], PlacementTier] = {}

    def tier(self, state: State) -> PlacementTier:
        """The computed tier of a variant."""
        points, legal, disqualifiers, progress = state
        key = (points, legal == 0, disqualifiers > 0, progress)
        found = self.seen.get(key)
        if found is None:
            score = Fraction(points, self.unit) / self.weight if self.weight else Fraction(0)
            found = decide(self.setting, score, legal == 0, disqualifiers > 0, progress).tier
            self.seen[key] = found
        return found


@dataclass(frozen=True)
class _Scale:
    """A standards file's scores in integer units: what every search of one edition shares."""

    unit: int
    """Integer units per score point: the least common denominator of every weight x score."""
    points: dict[str, dict[str, int]]
    """Criterion id -> finding -> weight x score in units (unassessed scores as not met)."""
    weights: dict[str, Fraction]
    """Criterion id -> weight."""


_SCALES: list[tuple[Standards, _Scale]] = []
"""The scales of the last few standards files (an edition has one; tests build many)."""


def _scale(standards: Standards) -> _Scale:
    """The scores of ``standards`` in integer units, worked out once per standards file."""
    for known, scale in _SCALES:
        if known is standards:
            return scale
    scores = standards.scores
    values = {
        "met": Fraction(scores.met),
        "partial": Fraction(scores.partial),
        "not_met": Fraction(scores.not_met),
    }
    values["unassessed"] = values["not_met"]
    weights = {c.id: Fraction(c.weight) for c in standards.effort_criteria}
    exact = {cid: {f: w * v for f, v in values.items()} for cid, w in weights.items()}
    unit = math.lcm(1, *(v.denominator for row in exact.values() for v in row.values()))
    points = {cid: {f: int(v * unit) for f, v in row.items()} for cid, row in exact.items()}
    scale = _Scale(unit, points, weights)
    _SCALES[:] = [*_SCALES[-3:], (standards, scale)]
    return scale


def _moves(
    country: Country,
    standards: Standards,
    up: bool,
    scale: _Scale,
    legal_found: dict[str, str],
    criteria_found: dict[str, str],
) -> list[_Move]:
    """Every one-step change in one direction, in order of the ids (standards file order)."""
    moves: list[_Move] = []
    for legal in standards.legal_standards:
        found = legal_found[legal.id]
        if up and found != "met":
            moves.append(_Move((legal.id, found, "met", legal.title), 0, -1, 0, None, None))
        elif not up and found == "met":
            moves.append(_Move((legal.id, "met", "not_met", legal.title), 0, 1, 0, None, None))
    progress_id = standards.progress_criterion.id
    ladder = UP if up else DOWN
    for criterion in standards.effort_criteria:
        found = criteria_found[criterion.id]
        row = scale.points[criterion.id]
        first = len(moves)
        while found in ladder:
            after = ladder[found]
            progress = (after == "met") if criterion.id == progress_id else None
            requires = first if len(moves) > first else None
            step = (criterion.id, found, after, criterion.title)
            moves.append(_Move(step, row[after] - row[found], 0, 0, progress, requires))
            found = after
    if up:
        titles = {d.id: d.title for d in standards.disqualifiers}
        applying = {d.id for d in country.disqualifiers}
        for ident in [d.id for d in standards.disqualifiers if d.id in applying] + sorted(
            applying - set(titles)
        ):
            moves.append(
                _Move((ident, "applies", "removed", titles.get(ident, "")), 0, 0, -1, None, None)
            )
    return moves


class _Search:
    """The smallest sets of moves in one direction that reach a better (or worse) tier."""

    def __init__(
        self, moves: list[_Move], variants: _Variants, start: State, rank: int, up: bool
    ) -> None:
        self.moves = moves
        self.variants = variants
        self.start = start
        self.rank = rank
        self.up = up
        self.hits: list[tuple[int, ...]] = []
        self.chosen: list[int] = []
        # The effect of each move together with its second step's, for interchangeable moves.
        second = {m.requires: m for m in moves if m.requires is not None}
        self.effects = [
            (m.points, m.legal, m.disqualifiers, m.progress, _effect(second.get(i)))
            for i, m in enumerate(moves)
        ]
        self.best: dict[int, list[int]] = {}
        # How many legal-standard and disqualifier moves there are from each index on.
        self.legal = [0] * (len(moves) + 1)
        self.disqualifiers = [0] * (len(moves) + 1)
        for i in range(len(moves) - 1, -1, -1):
            self.legal[i] = self.legal[i + 1] + (moves[i].legal != 0)
            self.disqualifiers[i] = self.disqualifiers[i + 1] + (moves[i].disqualifiers != 0)

    def reaches(self, state: State) -> bool:
        """Whether a variant's computed tier is better (worse, searching down) than this year's."""
        order = TIER_ORDER[self.variants.tier(state)]
        return order < self.rank if self.up else order > self.rank

    def run(self, most_changes: int) -> list[tuple[int, ...]]:
        """The sets of the smallest size that reach the goal, first five in order of the ids."""
        for size in range(1, most_changes + 1):
            self._visit(0, size, self.start)
            if self.hits:
                break
        return self.hits

    def _bound(self, index: int, left: int, state: State) -> State:
        """The most favourable state that ``left`` more moves from ``index`` on could reach."""
        points, legal, disqualifiers, progress = state
        best = self.best.get(index)
        if best is None:
            # The most favourable score change of r moves from ``index`` on: the r largest
            # gains (losses, worsening), whatever the order in which the steps must come.
            gains = sorted((m.points for m in self.moves[index:]), reverse=self.up)
            best = self.best[index] = [0, *_running(gains)]
        points += best[min(left, len(best) - 1)]
        legal_moves = min(left, self.legal[index])
        legal += -legal_moves if self.up else legal_moves
        disqualifiers -= min(left, self.disqualifiers[index])
        for position in range(index, len(self.moves)):
            move = self.moves[position]
            if move.progress is None or move.progress == progress:
                continue
            ready = move.requires is None or move.requires in self.chosen
            if ready or (move.requires is not None and move.requires >= index and left >= 2):
                progress = move.progress
                break
        return (points, legal, disqualifiers, progress)

    def _visit(self, index: int, left: int, state: State) -> bool:
        """Try every set of ``left`` more moves from ``index`` on; whether any reached the goal."""
        if left == 0:
            if self.reaches(state):
                self.hits.append(tuple(self.chosen))
                return True
            return False
        if not self.reaches(self._bound(index, left, state)):
            return False
        found = False
        barren: set[object] = set()
        for position in range(index, len(self.moves) - left + 1):
            move = self.moves[position]
            if move.requires is not None and move.requires not in self.chosen:
                continue
            effect = self.effects[position]
            if effect in barren:
                continue
            self.chosen.append(position)
            reached = self._visit(position + 1, left - 1, _after(state, move))
            self.chosen.pop()
            if reached:
                found = True
                if len(self.hits) >= MOST:
                    return True
            else:
                barren.add(effect)
        return found


def _after(state: State, move: _Move) -> State:
    """The state after one more move."""
    points, legal, disqualifiers, progress = state
    return (
        points + move.points,
        legal + move.legal,
        disqualifiers + move.disqualifiers,
        progress if move.progress is None else move.progress,
    )


def _effect(move: _Move | None) -> tuple[int, int, int, bool | None] | None:
    if move is None:
        return None
    return (move.points, move.legal, move.disqualifiers, move.progress)


def _running(values: Iterable[int]) -> list[int]:
    total, sums = 0, []
    for value in values:
        total += value
        sums.append(total)
    return sums


def paths(
    country: Country, standards: Standards, setting: Setting, computed: PlacementTier
) -> tuple[tuple[PathSet, ...], tuple[PathSet, ...]]:
    """The path up and the path down of a ranked country: minimal sets and the tier each reaches.

    ``computed`` is this year's computed tier (before any decision), which each variant is
    compared with.
    """
    scale = _scale(standards)
    legal_found = {
        s.id: finding_of(country, "legal_standards", s.id) for s in standards.legal_standards
    }
    criteria_found = {
        c.id: finding_of(country, "criteria", c.id) for c in standards.effort_criteria
    }
    points, weight = 0, Fraction(0)
    for ident, finding in criteria_found.items():
        if finding == "not_applicable":
            continue
        weight += scale.weights[ident]
        row = scale.points[ident]
        points += row.get(finding, row["not_met"])
    legal = sum(1 for found in legal_found.values() if found != "met")
    progress = criteria_found[standards.progress_criterion.id] == "met"
    start: State = (points, legal, len(country.disqualifiers), progress)
    variants = _Variants(setting, scale.unit, weight)
    rank = TIER_ORDER[computed]
    limit = standards.thresholds.path_max_changes
    found: list[tuple[PathSet, ...]] = []
    for up in (True, False):
        moves = _moves(country, standards, up, scale, legal_found, criteria_found)
        search = _Search(moves, variants, start, rank, up)
        sets = []
        for chosen in search.run(limit):
            state = start
            for i in chosen:
                state = _after(state, moves[i])
            steps = tuple(Step(*moves[i].step) for i in chosen)
            sets.append(PathSet(steps, variants.tier(state)))
        found.append(tuple(sets))
    return found[0], found[1]
