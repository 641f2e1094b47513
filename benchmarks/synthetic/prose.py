"""Invented names and varied sentences for the synthetic edition's chapters.

Every sentence is a template filled from one country's invented facts (its towns, port, border
region, ministries) and fresh figures, so that 200 chapters read differently enough for the PDF
to lay out like a real report: paragraphs of different lengths, figures of different widths.
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass

_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr",
           "gr", "kr", "st", "th", "tr", "val", "mor", "cal", "sel", "ost")  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "ae", "ia", "ou", "ei")
_CODAS = ("", "", "n", "r", "l", "s", "m", "nd", "rn", "st", "th")
_COUNTRY_ENDINGS = ("ia", "ania", "ovia", "mark", "land", "stan", "ora", "ene", "ar", "is")
_FORMS = ("{n}", "{n}", "{n}", "Republic of {n}", "Kingdom of {n}", "{n} Islands",
          "Federation of {n}", "Principality of {n}")  # fmt: skip
_TOWN_ENDINGS = ("a", "o", "en", "burg", "ville", "port", "grad", "has", "ria", "mouth")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def word(rng: random.Random, syllables: int) -> str:
    """An invented, pronounceable word of ``syllables`` syllables, capitalized."""
    parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)]
    return ("".join(parts) + rng.choice(_CODAS)).capitalize()


def country_name(rng: random.Random, taken: set[str]) -> str:
    """An invented country name not in ``taken`` (and added to it)."""
    while True:
        stem = word(rng, rng.randint(1, 2))
        name = rng.choice(_FORMS).format(n=stem + rng.choice(_COUNTRY_ENDINGS))
        if name not in taken:
            taken.add(name)
            return name


def town(rng: random.Random) -> str:
    """An invented town name."""
    return word(rng, rng.randint(1, 2)) + rng.choice(_TOWN_ENDINGS)


@dataclass(frozen=True)
class Facts:
    """The invented places and institutions one chapter's sentences refer to."""

    name: str
    capital: str
    cities: tuple[str, ...]
    port: str
    border: str
    neighbour: str
    ministry: str
    agency: str
    prosecutor: str
    ngo: str

    @classmethod
    def invent(cls, rng: random.Random, name: str, neighbour: str) -> Facts:
        """Invent the places and institutions of the country called ``name``."""
        return cls(
            name=name,
            capital=town(rng),
            cities=tuple(town(rng) for _ in range(3)),
            port=town(rng),
            border=f"{word(rng, 2)} {rng.choice(('Valley', 'Hills', 'Plain', 'Range', 'Delta'))}",
            neighbour=neighbour,
            ministry=rng.choice(
                (
                    "Ministry of the Interior",
                    "Ministry of Public Security",
                    "Ministry of Home Affairs",
                    "Ministry of Justice and Security",
                )
            ),
            agency=rng.choice(
                (
                    "National Migration Directorate",
                    "Border Police",
                    "Immigration Service",
                    "Directorate of Aliens Affairs",
                )
            ),
            prosecutor=rng.choice(
                (
                    "Special Prosecutor for Organized Crime",
                    "Office of the Attorney General",
                    "Public Prosecution Service",
                    "Prosecutor General's Office",
                )
            ),
            ngo=f"{word(rng, 2)} {rng.choice(('Migrant Aid', 'Refugee Council', 'Legal Clinic'))}",
        )


class Writer:
    """Fills sentence templates with one country's facts and fresh figures."""

    def __init__(self, rng: random.Random, facts: Facts, year: int) -> None:
        self.rng = rng
        self.facts = facts
        self.year = year

    def fill(self, template: str, **fixed: object) -> str:
        """``template`` with every slot filled; figures are drawn anew for each sentence.

        ``fixed`` gives slots a set value, e.g. ``older=2011`` for a law dated 2011.
        """
        rng, f = self.rng, self.facts
        # "the Kingdom of X" but plain "Xania": a formal name takes the article in prose.
        country = f"the {f.name}" if " of " in f.name or f.name.endswith("Islands") else f.name
        neighbour = f.neighbour
        if " of " in neighbour or neighbour.endswith("Islands"):
            neighbour = f"the {neighbour}"
        slots: dict[str, object] = dict(
            country=country,
            Country=country[0].upper() + country[1:],
            capital=f.capital,
            city=rng.choice(f.cities),
            port=f.port,
            border=f.border,
            neighbour=neighbour,
            ministry=f.ministry,
            agency=f.agency,
            prosecutor=f.prosecutor,
            ngo=f.ngo,
            n=rng.randint(3, 60),
            big=f"{rng.randint(120, 4800):,}",
            pct=rng.randint(8, 45),
            month=rng.choice(MONTHS),
            year=self.year - 1,
            older=self.year - rng.randint(3, 9),
        )
        slots.update(fixed)
        return template.format(**slots)

    def sentences(self, pool: tuple[str, ...], words: int) -> list[str]:
        """Sentences drawn from ``pool`` (each at most once) until about ``words`` words."""
        order = list(pool)
        self.rng.shuffle(order)
        chosen: list[str] = []
        count = 0
        for template in order:
            if count >= words:
                break
            sentence = self.fill(template)
            chosen.append(sentence)
            count += len(sentence.split())
        return chosen

    def paragraph(self, pool: tuple[str, ...], words: int, lead: bool = False) -> str:
        """One paragraph of about ``words`` words from ``pool``; ``lead``: open with pool[0]."""
        if not lead:
            return " ".join(self.sentences(pool, words))
        first = self.fill(pool[0])
        return " ".join([first, *self.sentences(pool[1:], words - len(first.split()))])

    def section(self, pool: tuple[str, ...], words: int) -> str:
        """A Markdown section of about ``words`` words: two paragraphs when it runs long."""
        chosen = self.sentences(pool, words)
        if len(chosen) < 6:
            return " ".join(chosen)
        middle = len(chosen) // 2
        # Wrapped as a desk officer's editor would, since the file keeps a literal block as is.
        halves = (" ".join(chosen[:middle]), " ".join(chosen[middle:]))
        return "\n\n".join("\n".join(textwrap.wrap(half, 96)) for half in halves)
