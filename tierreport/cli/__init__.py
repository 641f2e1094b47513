"""The command line: the only package that imports click.

``commands`` parses options, calls one library function and prints; ``views`` makes the plain
text those commands print (the ``tiers`` table, ``explain``); ``progress`` is the one-line
progress display on a terminal.
"""

from tierreport.cli.commands import main

__all__ = ["main"]
