"""Tiering: the pure rules of METHODOLOGY section 2, a country in, a Placement out.

``scoring`` computes the facts the rules weigh (exact fractions); ``decide`` is steps 3-6 as one
lean function, shared by ``place`` (the rules in order, with the wording of every step by
``rationale`` in the two registers of ``terms``) and by the path search of ``paths`` (METHODOLOGY
2c); ``change`` computes what changed since the previous edition (2b) and ``estimates`` the
Watch List numbers test on alternative estimates. No I/O, no logging, no pandas.
"""
