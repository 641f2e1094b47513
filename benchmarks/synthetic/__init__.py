"""The benchmark's synthetic edition: many fictional countries, valid under ``check``.

``synthetic.write_edition(root, countries=200, seed=...)`` writes an edition of fictional
countries with user-assigned codes (XAA-XZZ), every tier represented and narratives of realistic
length, so that ``make bench`` measures the pipeline at the scale of a real report.
"""
