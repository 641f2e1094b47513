"""One synthetic country file, made to land on the tier of its profile.

Findings are drawn until the efforts score falls in the profile's range; every met or partial
criterion cites a concrete action dated inside the reporting period; every source is cited.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from benchmarks.synthetic import phrases
from benchmarks.synthetic.prose import MONTHS, Facts, Writer

YEAR = 2027
"""The edition year of the synthetic edition."""
PERIOD = (dt.date(YEAR - 1, 4, 1), dt.date(YEAR, 3, 31))
"""Its reporting period, both ends included."""
CRITERIA = tuple(f"C{i:02d}" for i in range(1, 13))
"""The effort criteria other than C13, the progress criterion of the default standards."""


@dataclass(frozen=True)
class Profile:
    """What a synthetic country is made to be, and the tier the engine must give it."""

    name: str
    tier: str
    """The final tier the engine places it on."""
    score: tuple[Fraction, Fraction]
    """The efforts score range, low end included, high end excluded."""
    progress: str = "met"
    """``met`` or ``weak`` (partial or not met): the no-increasing-efforts test."""
    watch_streak: int = 0
    """Watch List years directly before the edition year."""
    rising: bool = False
    waiver: bool = False
    disqualified: bool = False
    decision: str | None = None
    special: bool = False


def _score(findings: dict[str, str]) -> Fraction:
    values = {"met": Fraction(1), "partial": Fraction(1, 2), "not_met": Fraction(0)}
    counted = [values[f] for f in findings.values() if f != "not_applicable"]
    return sum(counted, Fraction(0)) / len(counted)


def _findings(rng: random.Random, profile: Profile) -> dict[str, str]:
    """Criterion findings drawn until the efforts score is in the profile's range."""
    low, high = profile.score
    middle = float(low + high) / 2
    while True:
        found = {}
        for cid in CRITERIA:
            roll = rng.random()
            if cid == "C06" and roll < 0.1:
                found[cid] = "not_applicable"  # a landlocked country: no sea to rescue at
                continue
            roll = rng.random()
            found[cid] = (
                "met" if roll < middle * 0.8 else "partial" if roll < middle * 1.2 else "not_met"
            )
        found["C13"] = "met" if profile.progress == "met" else rng.choice(("partial", "not_met"))
        if low <= _score(found) < high:
            return found


def _history(rng: random.Random, profile: Profile) -> dict[int, Any]:
    y = YEAR
    if profile.watch_streak:
        history: dict[int, Any] = {y - 1 - i: "2WL" for i in range(profile.watch_streak)}
        history[y - 1 - profile.watch_streak] = rng.choice(("2", "3"))
        return dict(sorted(history.items()))
    options: dict[str, list[dict[int, Any]]] = {
        "1": [{y - 3: "1", y - 2: "1", y - 1: "1"}, {y - 2: "2", y - 1: "2"}, {y - 1: "1"}],
        "2": [{y - 2: "2", y - 1: "2"}, {y - 2: "2", y - 1: "2WL"}, {y - 1: "1"}, {y - 1: "3"}, {}],
        "2WL": [{y - 2: "2", y - 1: "2"}, {y - 1: "1"}],
        "3": [{y - 2: "3", y - 1: "3"}, {y - 1: "2"}, {y - 2: "2", y - 1: "3"}],
        "special": [{y - 1: "special"}, {y - 2: "3", y - 1: "special"}],
    }
    if profile.decision:
        return {y - 2: "2", y - 1: "2"}
    return dict(rng.choice(options[profile.tier]))


class _Sources:
    """The sources a country file defines, handed out to actions as they cite them."""

    def __init__(self, rng: random.Random, writer: Writer) -> None:
        self.rng = rng
        self.writer = writer
        self.defined: dict[str, dict[str, Any]] = {}
        self.cited: set[str] = set()
        publishers = (
            (f"{writer.facts.ministry}", "government", "moi"),
            (f"{writer.facts.agency}", "government", "agency"),
            (f"{writer.facts.prosecutor}", "government", "pros"),
            (f"{writer.facts.ngo}", "ngo", "ngo"),
            ("Regional Migration Monitor", "international", "rmm"),
            (f"The {writer.facts.capital} Herald", "media", "herald"),
        )
        for publisher, kind, prefix in publishers:
            day = _day(rng)
            key = f"{prefix}-{day:%Y-%m}"
            self.defined[key] = {
                "title": f"{publisher}: report of {MONTHS[day.month - 1]} {day.year}",
                "publisher": publisher,
                "date": day,
                "url": f"https://example.org/{prefix}/{day:%Y/%m}",
                "kind": kind,
            }
        self.defined["cable-internal"] = {
            "title": "Embassy reporting on smuggling cases",
            "publisher": f"U.S. Embassy {writer.facts.capital}",
            "kind": "us_government",
            "public": False,
        }

    def cite(self) -> list[str]:
        """One source for an action, at random."""
        key = self.rng.choice(sorted(self.defined))
        self.cited.add(key)
        return [key]

    def used(self) -> dict[str, dict[str, Any]]:
        """Only the cited sources: an uncited one would draw a warning from ``check``."""
        return {k: v for k, v in self.defined.items() if k in self.cited}


def _day(rng: random.Random, start: dt.date = PERIOD[0], end: dt.date = PERIOD[1]) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _criterion(
    rng: random.Random, cid: str, finding: str, writer: Writer, sources: _Sources
) -> dict[str, Any]:
    entry: dict[str, Any] = {"finding": finding}
    actions: list[dict[str, Any]] = []
    if finding in ("met", "partial"):
        pool = phrases.ACTIONS[cid]
        for template in rng.sample(pool, k=rng.randint(1, len(pool))):
            actions.append(
                {"date": _day(rng), "text": writer.fill(template), "sources": sources.cite()}
            )
    elif finding == "not_met" and rng.random() < 0.3:
        before = _day(rng, dt.date(YEAR - 3, 1, 1), PERIOD[0] - dt.timedelta(days=1))
        actions.append(
            {
                "date": before,
                "text": writer.fill(rng.choice(phrases.ACTIONS[cid])),
                "sources": sources.cite(),
            }
        )
    if finding != "met" and rng.random() < 0.2:
        after = _day(rng, PERIOD[1] + dt.timedelta(days=30), PERIOD[1] + dt.timedelta(days=300))
        actions.append(
            {
                "date": after,
                "text": writer.fill(rng.choice(phrases.PLANNED)),
                "planned": True,
                # When the plan was made public: a plan dated after publication reads as one.
                "announced": _day(rng),
            }
        )
    if actions:
        entry["actions"] = sorted(actions, key=lambda a: a["date"])
    if finding in ("partial", "not_met"):
        entry["note"] = writer.fill(rng.choice(phrases.NOTES[finding]))
    return entry


def _figures(rng: random.Random, rising: bool) -> dict[str, Any]:
    migrants = rng.randint(800, 60000)
    deaths = rng.randint(5, 400)
    grow = rng.uniform(1.3, 1.7) if rising else rng.uniform(0.75, 1.2)
    return {
        "smuggled_migrants": {
            YEAR - 2: int(migrants * rng.uniform(0.8, 1.1)),
            YEAR - 1: migrants,
            YEAR: int(migrants * grow),
        },
        "deaths_and_disappearances": {
            YEAR - 2: int(deaths * rng.uniform(0.8, 1.1)),
            YEAR - 1: deaths,
            YEAR: int(deaths * rng.uniform(0.75, 1.2)),
        },
        "very_significant": False,
    }


def _law_enforcement(rng: random.Random) -> dict[int, Any]:
    figures: dict[int, Any] = {}
    for year in (YEAR - 2, YEAR - 1, YEAR):
        investigations = rng.randint(4, 300)
        prosecutions = rng.randint(1, investigations)
        figures[year] = {
            "investigations": investigations,
            "prosecutions": prosecutions,
            "convictions": rng.randint(0, prosecutions),
            "officials_convicted": None if rng.random() < 0.3 else rng.randint(0, 4),
            "migrants_assisted": rng.randint(0, 5000),
            "new_or_amended_legislation": rng.random() < 0.15,
        }
    return figures


def _last_year(rng: random.Random, data: dict[str, Any]) -> None:
    """Last year's findings in history and the follow-up of its recommendations, as rollover
    leaves them and a desk officer completes them (METHODOLOGY 2b)."""
    last = data["history"].get(YEAR - 1)
    if last is None or last == "special":
        return
    before = {k: v["finding"] for k, v in data["legal_standards"].items()}
    before |= {k: v["finding"] for k, v in data["criteria"].items()}
    for cid in rng.sample(CRITERIA, k=3):
        if before[cid] != "not_applicable":
            before[cid] = rng.choice(("met", "partial", "not_met"))
    before |= {d["id"]: "applies" for d in data.get("disqualifiers", []) if rng.random() < 0.5}
    data["history"][YEAR - 1] = {"tier": last, "findings": before}
    data["followup"] = [
        {
            "item": text,
            "kind": "recommendation",
            "assessment": rng.choice(("implemented", "partial", "not_implemented")),
        }
        for text in rng.sample(phrases.RECOMMENDATIONS, k=rng.randint(3, 5))
    ]


def _narrative(rng: random.Random, writer: Writer, tier: str) -> dict[str, Any]:
    words = rng.randint(600, 900)
    summary_pool = {
        "1": phrases.SUMMARY_STRONG,
        "2": phrases.SUMMARY_MIXED,
        "2WL": phrases.SUMMARY_MIXED,
    }.get(tier, phrases.SUMMARY_WEAK)
    recommendations = rng.sample(phrases.RECOMMENDATIONS, k=rng.randint(5, 7))
    return {
        "summary": writer.paragraph(summary_pool, int(words * 0.14), lead=True),
        "recommendations": recommendations,
        "prosecution": writer.section(phrases.PROSECUTION, int(words * 0.2)),
        "protection": writer.section(phrases.PROTECTION, int(words * 0.17)),
        "prevention": writer.section(phrases.PREVENTION, int(words * 0.13)),
        "partnership": writer.section(phrases.PARTNERSHIP, int(words * 0.12)),
        "profile": writer.section(phrases.PROFILE, int(words * 0.13)),
    }


def build_country(
    rng: random.Random, code: str, name: str, region: str, profile: Profile, neighbour: str
) -> dict[str, Any]:
    """The data of one country file, made to land on ``profile.tier``."""
    writer = Writer(rng, Facts.invent(rng, name, neighbour), YEAR)
    sources = _Sources(rng, writer)
    data: dict[str, Any] = {
        "code": code,
        "name": name,
        "region": region,
        "status": "cleared",  # a publication build takes only cleared countries
        "history": _history(rng, profile),
    }
    if profile.special:
        data["special_case"] = {"reason": rng.choice(phrases.SPECIAL_REASONS)}
    else:
        gap = profile.tier != "1" and rng.random() < 0.3
        law = dt.date(YEAR - rng.randint(4, 15), rng.randint(1, 12), 1)
        data["legal_standards"] = {
            ms: (
                {"finding": "not_met", "note": writer.fill(phrases.NOTES["MS2"][0])}
                if ms == "MS2" and gap
                else {
                    "finding": "met",
                    "actions": [
                        {
                            "date": law,
                            "text": writer.fill(phrases.ACTIONS[ms][0], older=law.year),
                            "sources": sources.cite(),
                        }
                    ],
                }
            )
            for ms in ("MS1", "MS2", "MS3")
        }
        data["criteria"] = {
            cid: _criterion(rng, cid, finding, writer, sources)
            for cid, finding in _findings(rng, profile).items()
        }
        if profile.disqualified:
            did = rng.choice(("D1", "D2"))
            action = {"date": _day(rng), "text": writer.fill(phrases.ACTIONS[did][0])}
            data["disqualifiers"] = [
                {"id": did, "actions": [{**action, "sources": sources.cite()}]}
            ]
    indicators = _figures(rng, profile.rising)
    indicators["sources"] = [next(k for k in sources.defined if k.startswith("rmm-"))]
    sources.cited.update(indicators["sources"])
    data["indicators"] = indicators
    if profile.waiver:
        data["waiver"] = {
            "written_plan": True,
            "justification": "The government adopted a written plan with a budget that would "
            "constitute significant efforts if implemented.",
            "benchmarks": [
                {
                    "text": "Parliament enacts aggravated penalties for smuggling that endangers "
                    "life.",
                    "due": dt.date(YEAR, 10, 31),
                },
                {
                    "text": "A financial-investigation unit opens a parallel investigation in "
                    "every organized smuggling case.",
                    "due": dt.date(YEAR + 1, 1, 31),
                },
            ],
        }
    if profile.decision:
        data["decision"] = {
            "tier": profile.decision,
            "justification": "Credible reports of official complicity emerged after the "
            "findings were drafted and outweigh the efforts recorded.",
            "public_justification": "During the reporting period officials at the main border "
            "crossing were credibly reported to take payments from smugglers, and no "
            "investigation was opened.",
        }
    if not profile.special:
        # A generator of its own, so that the rest of the edition is drawn as it always was.
        _last_year(random.Random(f"{code}-last-year"), data)
        data["law_enforcement"] = _law_enforcement(rng)
    if profile.tier == "3":
        data["assistance"] = {
            "fiscal_year": YEAR + 1,
            "at_stake_usd": rng.randint(1, 90) * 250_000,
            "recommendation": rng.choice(("full_restriction", "partial_waiver", "full_waiver")),
            "justification": "The programmes at stake serve the efforts this report asks for.",
        }
    data["treaties"] = {
        "untoc": dt.date(rng.randint(2001, 2012), rng.randint(1, 12), rng.randint(1, 28)),
        "smuggling_protocol": dt.date(rng.randint(2003, 2015), rng.randint(1, 12), 1),
        "trafficking_protocol": None if rng.random() < 0.2 else dt.date(2004, 1, 1),
    }
    narrative = _narrative(rng, writer, profile.tier)
    if profile.special:
        narrative = {"summary": narrative["summary"], "profile": narrative["profile"]}
    data["narrative"] = narrative
    data["sources"] = sources.used()
    return data
