"""Write a seeded synthetic edition of N fictional countries that ``check`` accepts.

Each country gets a *profile* (Tier 1, Tier 2, the Watch List for either reason, a waived or an
applied automatic downgrade, Tier 3 by score or by disqualifier, an office decision, a Special
Case) and findings drawn until its efforts score falls in the profile's range, so that the
engine places it where the profile says. Every met or partial criterion cites a concrete action
dated inside the reporting period, every source is defined and cited, every Tier 3 country has
its assistance block. Same seed and size, same bytes.

Run it alone with ``python -m benchmarks.synthetic.synthetic DIR --countries 200``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import string
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from benchmarks.synthetic import phrases
from benchmarks.synthetic.country import PERIOD, YEAR, Profile, build_country
from benchmarks.synthetic.prose import country_name
from benchmarks.synthetic.yamlout import dump
from tierreport.editorial.template import REGIONS
from tierreport.errors import EditionExistsError

PACKAGE_DATA = Path(__file__).resolve().parents[2] / "tierreport" / "data"
MARKER = "# Synthetic edition written by benchmarks.synthetic.synthetic"
"""First line of a generated edition.yaml: only such an edition is ever overwritten."""


def _f(text: str) -> Fraction:
    return Fraction(text)


_ANY = (_f("0.5"), _f("0.85"))
PROFILES = {
    p.name: p
    for p in (
        Profile("tier1", "1", (_f("0.85"), _f("1.01"))),
        Profile("tier2", "2", (_f("0.7"), _f("0.85"))),
        Profile("watch-progress", "2WL", _ANY, progress="weak", watch_streak=1),
        Profile("watch-indicators", "2WL", (_f("0.5"), _f("0.7")), rising=True),
        Profile("watch-waiver", "2WL", _ANY, progress="weak", watch_streak=2, waiver=True),
        Profile("tier3-score", "3", (_f("0.1"), _f("0.5")), progress="weak"),
        Profile("tier3-downgrade", "3", _ANY, progress="weak", watch_streak=2),
        Profile("tier3-disqualifier", "3", (_f("0.3"), _f("0.8")), disqualified=True),
        Profile("decision", "3", _ANY, progress="weak", decision="3"),
        Profile("special", "special", (_f("0"), _f("1")), special=True),
    )
}
CYCLE = (
    "tier2", "tier1", "watch-progress", "tier3-score", "watch-indicators", "special",
    "tier3-downgrade", "watch-waiver", "tier3-disqualifier", "tier2", "decision", "tier2",
    "tier1", "watch-progress", "tier2", "tier3-score", "tier2", "tier1", "watch-progress",
    "tier2",
)  # fmt: skip
"""The mix of profiles, one in 20 a Special Case; any 12 in a row cover every tier."""


@dataclass(frozen=True)
class Synthetic:
    """A written synthetic edition: where it is, and the tier each country was made for."""

    root: Path
    tiers: dict[str, str]
    profiles: dict[str, str]


def write_edition(root: Path, countries: int = 200, seed: int = 2027) -> Synthetic:
    """Write an edition of ``countries`` fictional countries to ``root`` (seeded, repeatable).

    Refuses to overwrite a directory holding anything but an earlier synthetic edition.
    """
    codes = ["X" + a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]
    if not 1 <= countries <= len(codes):
        raise ValueError(f"countries must be between 1 and {len(codes)}, got {countries}")
    _clear(root)
    rng = random.Random(seed)
    chosen = sorted(rng.sample(codes, countries))
    kinds = [CYCLE[i % len(CYCLE)] for i in range(countries)]
    rng.shuffle(kinds)
    taken: set[str] = set()
    names = [country_name(rng, taken) for _ in chosen]
    (root / "countries").mkdir(parents=True)
    (root / "standards").mkdir()
    (root / "front").mkdir()
    shutil.copyfile(
        PACKAGE_DATA / "minimum-standards.yaml", root / "standards" / "minimum-standards.yaml"
    )
    (root / "edition.yaml").write_text(_edition_yaml(seed), encoding="utf-8")
    (root / "front" / "introduction.md").write_text(
        " ".join(phrases.INTRODUCTION) + "\n", encoding="utf-8"
    )
    regions = list(REGIONS)
    for index, (code, name, kind) in enumerate(zip(chosen, names, kinds, strict=True)):
        country_rng = random.Random(f"{seed}-{code}")
        neighbour = names[(index + 1) % len(names)]
        data = build_country(country_rng, code, name, regions[index % 6], PROFILES[kind], neighbour)
        text = f"# Invented country of the synthetic edition (profile: {kind}).\n" + dump(data)
        (root / "countries" / f"{code}.yaml").write_text(text, encoding="utf-8")
    return Synthetic(
        root,
        {code: PROFILES[kind].tier for code, kind in zip(chosen, kinds, strict=True)},
        dict(zip(chosen, kinds, strict=True)),
    )


def _clear(root: Path) -> None:
    if not root.exists():
        return
    config = root / "edition.yaml"
    generated = config.is_file() and config.read_text(encoding="utf-8").startswith(MARKER)
    if any(root.iterdir()) and not generated:
        raise EditionExistsError(
            f"{root} is not empty and holds no synthetic edition; choose another directory"
        )
    shutil.rmtree(root)


def _edition_yaml(seed: int) -> str:
    return "\n".join(
        (
            f"{MARKER} (seed {seed}); every country in it is invented.",
            "title: Human Smuggling Report",
            f"year: {YEAR}",
            f"reporting_period: {{start: {PERIOD[0]}, end: {PERIOD[1]}}}",
            "publisher: Office to Combat Human Smuggling",
            f"publication_date: {YEAR}-06-15",
            "standards: standards/minimum-standards.yaml",
            "introduction: front/introduction.md",
            "fictional: true",
            "subject: Synthetic edition for the tierreport benchmark",
            "regions:",
            *(f"  {code}: {name}" for code, name in REGIONS.items()),
            "",
        )
    )


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m benchmarks.synthetic.synthetic DIR [--countries N] [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args(argv)
    written = write_edition(args.directory, args.countries, args.seed)
    print(f"wrote {len(written.tiers)} countries to {written.root}")


if __name__ == "__main__":
    main()
