"""The web edition: the printed document as one self-contained HTML page, with its tables and figures as open
data beside it (CSV and JSON), and `libreport serve` to preview it while the sources are edited."""
