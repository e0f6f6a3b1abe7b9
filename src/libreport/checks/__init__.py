"""Checks: consistency diagnostics across a year's sources, and against the year it is compared with."""
