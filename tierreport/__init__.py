"""tierreport: the annual Human Smuggling Report, from per-country YAML to site, PDF and data.

The pipeline, one module per stage: ``load`` (YAML with positions) -> ``validate`` (declared
schema in ``model`` plus the edition's cross-file rules) -> ``tiering`` (pure rules) -> ``tables``
(pandas) -> ``render`` (HTML and PDF) -> ``build`` (atomic output).
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
