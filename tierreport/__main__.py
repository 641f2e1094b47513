"""``python -m tierreport``: the same command line as ``tierreport``."""

from tierreport.cli import main

main()
