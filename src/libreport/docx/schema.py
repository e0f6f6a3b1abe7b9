"""The order WordprocessingML prescribes for the children of the elements libreport writes or edits.

ISO/IEC 29500 declares most property elements as sequences: `w:ind` after `w:spacing`, `w:tabs` before
both, `w:zoom` near the top of the settings. Word refuses or silently repairs a part whose children stand
out of order, even where LibreOffice and WPS read it. So the order is declared here, once, transcribed
from the Transitional schema (tests/test_ooxml.py checks it against the schema text), and every writer
takes it from here: `props()` for markup written as text, `place()` for a tree being edited.
"""

from __future__ import annotations

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
}

_PPR_BASE = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
)
# Run properties may come in any order (an interleave in the schema); this is the order Word writes them in.
_RPR = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath", "w:rPrChange",
)

ORDER: dict[str, tuple[str, ...]] = {
    "w:pPr": (*_PPR_BASE, "w:rPr", "w:sectPr", "w:pPrChange"),
    "w:rPr": _RPR,
    "w:tblPr": (
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
        "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
        "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
    ),
    "w:tcPr": (
        "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
        "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
        "w:cellMerge", "w:tcPrChange",
    ),
    "w:sectPr": (
        "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar",
        "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
        "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
        "w:sectPrChange",
    ),
    "w:style": (
        "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden", "w:uiPriority",
        "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal", "w:personalCompose",
        "w:personalReply", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
    ),
    "w:tblStylePr": ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr"),
    "w:docDefaults": ("w:rPrDefault", "w:pPrDefault"),
    "w:settings": (
        "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime",
        "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:printPostScriptOverText",
        "w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts", "w:embedSystemFonts",
        "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
        "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
        "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign", "w:attachedTemplate",
        "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
        "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
        "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet",
        "w:defaultTabStop", "w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone",
        "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle",
        "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
        "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
        "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
        "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin", "w:doNotShadeFormData",
        "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars",
        "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture", "w:doNotValidateAgainstSchema",
        "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml",
        "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt", "w:showXMLTags",
        "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr",
        "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
        "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
        "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
        "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
    ),
}
# Children that may repeat; every other declared child stands at most once.
REPEATABLE = {"w:headerReference", "w:footerReference", "w:tblStylePr", "w:activeWritingStyle", "w:attachedSchema",
              "w:smartTagType"}


def clark(name: str) -> str:
    """w:pPr → {namespace}pPr, as lxml names elements."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _prefixed(tag: str) -> str:
    ns, local = tag[1:].split("}")
    for prefix, uri in NS.items():
        if uri == ns:
            return f"{prefix}:{local}"
    return tag


_RANK: dict[str, dict[str, int]] = {
    clark(parent): {clark(c): i for i, c in enumerate(children)} for parent, children in ORDER.items()
}
_TEXT_RANK: dict[str, dict[str, int]] = {parent: {c: i for i, c in enumerate(children)}
                                          for parent, children in ORDER.items()}


def place(parent: etree._Element, child: etree._Element) -> etree._Element:
    """Put `child` into `parent` where the schema wants it, replacing a child of the same name that may
    stand only once. Returns the child."""
    rank = _RANK[parent.tag]
    mine = rank[child.tag]
    if _prefixed(child.tag) not in REPEATABLE:
        for old in parent.findall(child.tag):
            parent.remove(old)
    for i, sibling in enumerate(parent):
        if rank.get(sibling.tag, -1) > mine:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def get_or_place(parent: etree._Element, name: str) -> etree._Element:
    """The child `name` (w:ind, …) of `parent`, added at its place if there is none."""
    found = parent.find(clark(name))
    if found is not None:
        return found
    return place(parent, etree.Element(clark(name)))


def props(parent: str, children: list[str]) -> str:
    """`<w:pPr>…</w:pPr>` (or any declared parent) from children written as markup, in schema order.

    Each child is a complete element (`<w:keepNext/>`); an empty string stands for a child left out.
    Returns "" when no child is left, so an empty property element is never written.
    """
    rank = _TEXT_RANK[parent]
    present = [c for c in children if c]
    if not present:
        return ""
    present.sort(key=lambda c: rank[_name_of(c)])
    return f"<{parent}>{''.join(present)}</{parent}>"


def _name_of(markup: str) -> str:
    end = len(markup)
    for stop in (" ", "/", ">"):
        at = markup.find(stop, 1)
        if 0 < at < end:
            end = at
    return markup[1:end]


def reorder(root: etree._Element) -> None:
    """Put the children of every declared element under `root` into the schema's order, as another editor
    may have written them out of it (LibreOffice puts a paragraph's section break first). Children the
    declaration does not know (extensions) keep their place after the child they followed. A child that may
    stand once but stands twice (LibreOffice writes a framed paragraph's borders twice) is kept once, the last."""
    for parent in root.iter(*_RANK):
        rank = _RANK[parent.tag]
        seen: dict[str, etree._Element] = {}
        for child in list(parent):
            if child.tag in rank and _prefixed(child.tag) not in REPEATABLE:
                if child.tag in seen:
                    parent.remove(seen[child.tag])
                seen[child.tag] = child
        children = list(parent)
        keys, last = [], -1
        for child in children:
            last = rank.get(child.tag, last)
            keys.append(last)
        if keys != sorted(keys):
            ordered = [c for _, c in sorted(zip(keys, children), key=lambda kc: kc[0])]
            for child in ordered:
                parent.append(child)
