"""``python -m tierreport``: the same command line as ``tierreport``."""

from tierreport.cli.commands import main

main()
