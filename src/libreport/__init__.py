"""libreport: a compiler for public libraries' annual reports."""

__version__ = "0.1.0"
