"""Reading: YAML files -> plain data with the line and column of every key, and the caches.

``yaml`` reads one file (ruamel's round-trip loader, or libyaml's C parser through ``fastyaml``
when the file is plain), ``cache`` keeps the results of pure steps between runs. Nothing here
knows the edition's schema: that is ``tierreport.check``.
"""
