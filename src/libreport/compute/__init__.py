"""Compute: every derived figure (numbering, totals, shares, chronicle months) and the values prose may quote."""
