"""Prose: the work summary's Markdown, and the sandbox that renders user-written expressions."""
