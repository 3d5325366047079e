"""Why a file could not be read, in Swedish: the readers give their reasons in English (stable text for
JSON, logs and scripts); a report written with ``--lang sv`` shows them in Swedish.

Each reason the readers, limits and batch runner give has a pattern here; what a pattern captures (a
number, a part name, a library's own message) is carried over, with numbers grouped the Swedish way
("1 048 576"). A reason without a pattern is shown as it is, rather than half translated.
"""

from __future__ import annotations

import functools
import re

_N = r"([\d,]+)"  # a number as the readers write it: "1,048,576"

_SV: list[tuple[str, str]] = [
    (r"no such file", "filen finns inte"),
    (r"is a directory \(parse takes files; use 'kvcli check DIR' for folders\)",
     "är en mapp (parse läser filer; använd 'kvcli check MAPP' för mappar)"),
    (r"is not a regular file \(a FIFO, socket or device\); refused",
     "är inte en vanlig fil (en FIFO, en socket eller en enhet); läses inte"),
    (r"cannot stat file: (.+)", r"filens egenskaper kan inte läsas: \1"),
    (r"cannot read file: (.+)", r"filen kan inte läsas: \1"),
    (r"file is empty \(only whitespace\)", "filen är tom (bara blanktecken)"),
    (r"file is empty", "filen är tom"),
    (r"binary content, not a text file \(wrong extension\?\)", "binärt innehåll, inte en textfil (fel filändelse?)"),
    (r"looks like (UTF-16|UTF-32) text but does not decode", r"ser ut som \1-text men kan inte avkodas"),
    (r"unsupported file type '(.*)' \(supported: (.*)\)", r"filtypen '\1' stöds inte (stöds: \2)"),
    (r"file is {N} bytes, over the --max-file-size limit of {N}",
     r"filen är \1 byte, över gränsen för --max-file-size på \2"),
    (r"text file is {N} bytes, over the text limit of {N}", r"textfilen är \1 byte, över gränsen för text på \2"),
    (r"lösenordsskyddad \(password-protected\) PDF; remove the password and try again",
     "lösenordsskyddad PDF; ta bort lösenordet och försök igen"),
    (r"lösenordsskyddad \(password-protected\) Office file; remove the password and save again",
     "lösenordsskyddad Office-fil; ta bort lösenordet och spara filen igen"),
    (r"PDF has no text layer \(a scanned document\?\); OCR is needed before kvcli can read it",
     "PDF:en har inget textlager (ett inskannat dokument?); den behöver textigenkänning (OCR) innan kvcli kan "
     "läsa den"),
    (r"PDF text layer does not read as text \(its fonts do not say which letters their glyphs are, as when printed "
     r"to PDF through PostScript\); OCR is needed before kvcli can read it",
     "PDF:ens textlager går inte att läsa som text (typsnitten anger inte vilka bokstäver tecknen är, som när den "
     "skrivits ut till PDF via PostScript); den behöver textigenkänning (OCR) innan kvcli kan läsa den"),
    (r"PDF has no pages", "PDF:en har inga sidor"),
    (r"PDF has {N} pages, over the limit of {N}", r"PDF:en har \1 sidor, över gränsen på \2"),
    (r"not a valid PDF: (.+)", r"inte en giltig PDF: \1"),
    (r"PDF needs too much work to check for decompression bombs \(hostile structure\?\); refused",
     "PDF:en kräver för mycket arbete för att kontrolleras mot dekomprimeringsbomber (fientlig struktur?); "
     "läses inte"),
    (r"encrypted PDF cannot be checked for decompression bombs without the 'cryptography' package",
     "en krypterad PDF kan inte kontrolleras mot dekomprimeringsbomber utan paketet 'cryptography'"),
    (r"a PDF stream has over {N} filters in a chain \(decompression bomb\?\); refused",
     r"en ström i PDF:en har över \1 filter i följd (dekomprimeringsbomb?); läses inte"),
    (r"PDF streams inflate to over {N} bytes in all \(decompression bomb\?\); refused",
     r"PDF:ens strömmar packas upp till över \1 byte sammanlagt (dekomprimeringsbomb?); läses inte"),
    (r"a PDF stream inflates to over {N} bytes \(decompression bomb\?\); refused",
     r"en ström i PDF:en packas upp till över \1 byte (dekomprimeringsbomb?); läses inte"),
    (r"not a valid \.docx \(zip\) file: (.+)", r"inte en giltig .docx-fil (zip): \1"),
    (r"corrupt \.docx: (.+) is not well-formed XML \((.*)\)", r"skadad .docx: \1 är inte välformad XML (\2)"),
    (r"corrupt \.docx: cannot read (\S+): (.+)", r"skadad .docx: \1 kan inte läsas: \2"),
    (r"corrupt \.docx: (.+)", r"skadad .docx: \1"),
    (r"not a Word document: word/document\.xml has no body", "inte ett Word-dokument: word/document.xml har ingen body"),
    (r"not a Word document: word/document\.xml missing(.*)", r"inte ett Word-dokument: word/document.xml saknas\1"),
    (r"zip has {N} members, over the limit of {N}", r"zip-filen har \1 delar, över gränsen på \2"),
    (r"zip expands to {N} bytes, over the limit of {N} \(zip bomb\?\)",
     r"zip-filen packas upp till \1 byte, över gränsen på \2 (zip-bomb?)"),
    (r"zip member (\S+) compresses {N}:1, over the limit of {N}:1 \(zip bomb\?\)",
     r"zip-delen \1 är komprimerad \2:1, över gränsen på \3:1 (zip-bomb?)"),
    (r"zip member (\S+) is larger than declared \(zip bomb\?\)", r"zip-delen \1 är större än angivet (zip-bomb?)"),
    (r"(\S+) is nested too deeply \(over {N} levels\); refused", r"\1 är nästlad för djupt (över \2 nivåer); läses inte"),
    (r"(.+) is over the limit of {N} cells per table \((.*)\); refused",
     r"\1 är över gränsen på \2 celler per tabell (\3); läses inte"),
    (r"(.+) brings the tables over the limit of {N} cells per document \((.*)\); refused",
     r"\1 tar tabellerna över gränsen på \2 celler per dokument (\3); läses inte"),
    (r"over {N} key figures, the limit per document \(not a report; refused\)",
     r"över \1 nyckeltal, gränsen per dokument (inte en rapport; läses inte)"),
    (r"timed out after (\S+) s \(--timeout\); skipped", r"tog längre tid än \1 s (--timeout); hoppades över"),
    (r"(.+) files are read through LibreOffice, which is not installed; install it, or convert the file "
     r"\(soffice --headless --convert-to docx FILE\) or save it as Word Document \(\.docx\)",
     r"filer i formatet \1 läses genom LibreOffice, som inte är installerat; installera det, konvertera filen "
     r"(soffice --headless --convert-to docx FIL) eller spara den som Word-dokument (.docx)"),
    (r"(.+) file: LibreOffice produced an empty document; the file is probably damaged",
     r"fil i formatet \1: LibreOffice gav ett tomt dokument; filen är troligen skadad"),
    (r"(.+) file: LibreOffice's conversion cannot be read \((.*)\)",
     r"fil i formatet \1: LibreOffices konvertering kan inte läsas (\2)"),
    (r"(.+) file could not be converted with LibreOffice \((.*)\)", r"filen i formatet \1 kunde inte konverteras med LibreOffice (\2)"),
]  # fmt: skip

# What the libraries under the readers say, as the readers pass it on.
_LIBRARY_SV = {
    "File is not a zip file": "filen är inte en zip-fil",
    "Failed to load document (PDFium: Data format error).": "dokumentet kan inte läsas in (PDFium: fel i dataformatet)",
    "Failed to load document (PDFium: File access error).": "dokumentet kan inte läsas in (PDFium: filen kan inte läsas)",
    "Failed to load document (PDFium: Unknown error).": "dokumentet kan inte läsas in (PDFium: okänt fel)",
    "Failed to load document (PDFium: Unsupported security scheme).":
        "dokumentet kan inte läsas in (PDFium: krypteringen stöds inte)",
    "No such file or directory": "filen eller mappen finns inte",
    "Permission denied": "åtkomst nekad",
    "older Word (.doc)": "äldre Word (.doc)",
}  # fmt: skip


@functools.cache
def _compiled() -> list[tuple[re.Pattern[str], str]]:
    # On first use: most runs have no unreadable file, and compiling these took 3.5 ms of every start.
    return [(re.compile(pattern.replace("{N}", _N)), template) for pattern, template in _SV]


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")


def reason_text(reason: str, lang: str) -> str:
    """``reason`` as shown in a ``lang`` report: Swedish when a pattern knows it, else as given."""
    if lang != "sv":
        return reason
    for pattern, template in _compiled():
        m = pattern.fullmatch(reason)
        if m:
            text = m.expand(template)
            for english, swedish in _LIBRARY_SV.items():
                text = text.replace(english, swedish)
            return _GROUPED.sub(lambda g: g.group().replace(",", "\u00a0"), text)
    return reason
