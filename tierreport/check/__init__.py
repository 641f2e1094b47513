"""Checking: plain data -> the declared records of ``tierreport.model``, collecting every problem.

``edition`` is the one entry point (``check_edition``); ``messages`` words pydantic's errors,
``rules`` holds a country file's rules that no type expresses, ``engine`` the problems only the
tiering engine can see.
"""
