"""The web edition's stylesheet: one column that reads at 375 px as at 1280, wide tables scrolling in their own
box, the reader's own Chinese system faces, light and dark schemes from the template's theme colours, and a
print stylesheet. It is written into the page itself: the folder fetches nothing."""

from __future__ import annotations

from libreport.web.colours import Scheme, schemes

# The faces a reader's system has: macOS/iOS, Windows, then Linux and Android (Noto/Source Han, WenQuanYi).
SANS = ('system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", '
        '"Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif')
SERIF = '"Songti SC", STSong, SimSun, "Noto Serif CJK SC", "Source Han Serif SC", serif'


def _variables(scheme: Scheme) -> str:
    series = "".join(f"--series-{k}:#{c};" for k, c in enumerate(scheme.series, 1))
    return (f"--page:#{scheme.page};--text:#{scheme.text};--accent:#{scheme.accent};--muted:#{scheme.muted};"
            f"{series}")


def stylesheet(accents: tuple[str, ...]) -> str:
    light, dark = schemes(accents)
    series = "".join(f".series-{k}{{fill:var(--series-{k})}}" for k in range(1, 7))
    return (
        f":root{{color-scheme:light dark;{_variables(light)}}}"
        f"@media (prefers-color-scheme:dark){{:root{{{_variables(dark)}}}}}"
        "*,*::before,*::after{box-sizing:border-box}"
        f"html{{font-family:{SANS};line-height:1.75;-webkit-text-size-adjust:100%;text-size-adjust:100%}}"
        "body{margin:0;background:var(--page);color:var(--text);overflow-wrap:anywhere}"
        "main,header.masthead,nav.contents,footer.edition{max-width:46rem;margin:0 auto;padding:0 1rem}"
        "header.masthead{padding-top:2rem;text-align:center}"
        f"h1{{font-family:{SERIF};font-size:1.9rem;line-height:1.4;margin:.5rem 0 1rem}}"
        ".letterhead{color:var(--accent);font-size:1.6rem;font-weight:700;letter-spacing:.1em;margin:0}"
        ".document-number{margin:.25rem 0 0;padding-bottom:.75rem;border-bottom:2px solid var(--accent)}"
        ".cover-line{margin:.25rem 0}"
        "h2,h3,h4,h5,h6{line-height:1.45;margin:2rem 0 .75rem;scroll-margin-top:1rem}"
        "h2{font-size:1.5rem;border-bottom:2px solid var(--accent);padding-bottom:.25rem}"
        "h3{font-size:1.25rem}h4{font-size:1.1rem}h5,h6{font-size:1rem}"
        "p{margin:.75rem 0;text-indent:2em}"
        "p.addressee,.signature p,p.table-note,p.item,figcaption,p.caption{text-indent:0}"
        ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
        "white-space:nowrap}"
        ".run-in{font-weight:700}"
        "a{color:var(--accent)}"
        "nav.contents{margin-top:1rem}"
        "nav.contents h2{font-size:1.2rem;border:0;margin-top:1rem}"
        "nav.contents ol{list-style:none;padding-left:0;margin:0}"
        "nav.contents ol ol{padding-left:1.5em}"
        "nav.contents li{margin:.2rem 0}"
        "nav.contents a{display:inline-block;padding:.2rem 0;text-decoration:none}"
        "nav.contents a:hover,nav.contents a:focus{text-decoration:underline}"
        "p.item{padding-left:2em;margin:.4rem 0}p.item.level-2{padding-left:4em}p.item.level-3{padding-left:6em}"
        ".table-box{overflow-x:auto;margin:1rem 0;-webkit-overflow-scrolling:touch}"
        ".table-box:focus{outline:2px solid var(--accent);outline-offset:2px}"
        "table{border-collapse:collapse;min-width:100%;font-size:.95rem;line-height:1.5}"
        "caption,figcaption,p.caption{font-weight:700;text-align:center;padding:.25rem 0 .5rem}"
        "th,td{border:1px solid color-mix(in srgb,var(--text) 35%,transparent);padding:.35rem .5rem;"
        "vertical-align:middle}"
        "th{background:var(--muted);font-weight:700;text-align:center}"
        "td.short,th.short{white-space:nowrap}"
        "td.text,td.center:not(.short),th:not(.short){min-width:6em}"
        "td.center{text-align:center}td.number{text-align:right;white-space:nowrap;"
        "font-variant-numeric:tabular-nums}"
        "tr.total td,tr.total th{font-weight:700}"
        "table.three-line th,table.three-line td{border-left:0;border-right:0}"
        "table.three-line tbody tr:nth-child(even) td{background:var(--muted)}"
        "p.table-note{font-size:.9rem;margin-top:-.5rem}"
        "figure{margin:1.5rem 0;text-align:center}"
        "figure img{max-width:100%;height:auto}"
        "svg.chart{width:100%;max-width:26rem;height:auto;display:block;margin:0 auto;overflow:visible}"
        f"{series}"
        ".chart-label,.chart-value{fill:var(--text);font-size:13px}"
        ".chart-title{fill:var(--text);font-size:14px;font-weight:700;text-anchor:middle}"
        "path.slice{stroke:var(--page);stroke-width:1}"
        "details.chart-data{margin:.5rem auto;max-width:26rem;text-align:left}"
        "details.chart-data summary{cursor:pointer;color:var(--accent)}"
        "h3.chronicle-month,h4.chronicle-month,h5.chronicle-month,h6.chronicle-month{margin-top:1.25rem}"
        "p.chronicle{text-indent:0;padding-left:2em;margin:.4rem 0}"
        ".signature{text-align:right;margin-top:2.5rem}"
        ".signature p{margin:.25rem 0}"
        ".signature p.signature-note{text-align:left;padding-left:2em}"
        ".imprint{margin-top:2rem;border-top:1px solid var(--text);border-bottom:1px solid var(--text)}"
        ".imprint p{text-indent:0;margin:.4rem 0}"
        ".imprint-issued{display:flex;justify-content:space-between;gap:0 1rem;flex-wrap:wrap}"
        "footer.edition{margin-top:3rem;padding-bottom:2rem;font-size:.9rem;border-top:1px solid var(--muted)}"
        "footer.edition ul{padding-left:1.25em}"
        ".skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:var(--page);padding:.5rem}"
        "@media (max-width:30rem){h1{font-size:1.5rem}h2{font-size:1.3rem}h3{font-size:1.15rem}}"
        "@media print{"
        ":root{--page:#fff;--text:#000;--muted:#eee}"
        "body{font-family:" + SERIF + ";font-size:12pt}"
        "nav.contents,footer.edition,details.chart-data,.skip,#libreport-serve{display:none}"
        "h2{break-before:page}main h2:first-child{break-before:auto}"
        "h2,h3,h4,h5,h6,caption{break-after:avoid}"
        "table,figure,tr{break-inside:avoid}"
        ".table-box{overflow:visible}a{color:inherit;text-decoration:none}"
        "}"
    )
