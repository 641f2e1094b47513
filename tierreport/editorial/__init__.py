"""The editorial year: create an edition, add countries, follow clearance, roll over, compare.

::

    template.py   the UN member list, regional bureaus and the commented country template
    init.py       ``tierreport init`` and ``tierreport new-country``
    rollover.py   ``tierreport rollover``: next year's edition from this one
    status.py     ``tierreport status``: clearance progress (``build.py`` refuses uncleared)
    diff.py       ``tierreport diff``: what changed since another edition
    preview.py    ``tierreport preview``: one country's page and chapter
"""
