"""Every limit on what tierreport reads, in one place (README "Safety" lists them).

A file of the edition is written by hand, so each bound sits far above what a real edition
needs (an example country file is 15 kB with about 500 values nested 6 deep) and far below what
would make ``check`` slow or exhaust memory. A value past a bound is a located error, never a
long wait or a traceback.
"""

from __future__ import annotations

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Largest file read: edition.yaml, the standards, a country file or the introduction (2 MiB).
ruamel.yaml reads 2 MiB of YAML in about two seconds."""

MAX_YAML_VALUES = 20_000
"""Most values (keys, scalars, lists and mappings) in one YAML file, each alias counted as the
values it repeats: a "billion laughs" file stops here instead of filling memory. ruamel.yaml
reads 20,000 values in about a second."""

MAX_YAML_DEPTH = 50
"""Deepest nesting of lists and mappings in one YAML file (a country file needs 6)."""

MAX_COUNT = 1_000_000_000
"""Largest count of people or cases (smuggled migrants, prosecutions, ...): a billion."""

MAX_USD = 1_000_000_000_000
"""Largest amount of assistance at stake, in U.S. dollars: a trillion."""

MIN_YEAR = 1900
"""Earliest year an edition, a history entry, a figure or a fiscal year may name."""

MAX_YEAR = 2999
"""Latest year an edition, a history entry, a figure or a fiscal year may name."""

MAX_NUMBER = 1_000_000
"""Largest weight, score or threshold of the standards file, either sign: a score is computed
exactly and printed to three places, which a number of 25 digits would overflow."""

MAX_THRESHOLD_YEARS = 100
"""Largest number of years a tiering threshold counts (Watch List years, waivers)."""

LONG_TEXT_CHARS = 100_000
"""Text of one country (narrative, notes and actions) or of the introduction beyond which
``check`` warns: WeasyPrint lays out about 40,000 characters a second, 25 printed pages per
100,000, so a pasted document makes every PDF build slow."""

EXCERPT_CHARS = 40
"""Most characters of a bad value that a message quotes; longer values are cut."""

MAX_MESSAGE_CHARS = 1_000
"""Longest problem message printed; a longer one is cut (a backstop: values are excerpted)."""
