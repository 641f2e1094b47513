"""Tiering: the pure rules of METHODOLOGY section 2, a country in, a Placement out.

``scoring`` computes the facts the rules weigh (exact fractions), ``place`` applies the rules in
order, ``rationale`` words every step taken. No I/O, no logging, no pandas.
"""
