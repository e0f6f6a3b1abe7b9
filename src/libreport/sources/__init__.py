"""Sources: a year folder's files read into the typed model, with the position of every value.

text (bytes → text) → yamlfile (text → YAML nodes) → reader (nodes → typed values with diagnostics)
→ report (report.yaml) and sections (each section's file).
"""
