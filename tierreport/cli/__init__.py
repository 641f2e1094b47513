"""The command line: the only package that imports click.

``commands`` parses options, calls one library function and prints; ``views`` makes the plain
text those commands print (the ``tiers`` table, ``explain``); ``progress`` is the one-line
progress display on a terminal.
"""

import os

# pydantic looks for plugins of other packages through every installed distribution's entry
# points before it builds the first model: a tenth of a second at each start. The command line
# uses none, so it asks for none (a library user's process keeps pydantic's default).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from tierreport.cli.commands import main  # after the setting above

__all__ = ["main"]
