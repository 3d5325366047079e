"""Personnummer (Swedish personal identity numbers): find them, and never print them in clear.

A published report must not contain one; when it does, kvcli reports it masked as
``YYMMDD-****`` in every output. Only Luhn-valid numbers with a plausible date count,
so table figures such as "1 234 567 890" are not flagged; samordningsnummer (day + 60) count.

Text is normalised before detection, because a number typed or pasted into a report
does not keep to ASCII: the separator may be an en/em dash, a minus sign, a dot, a
no-break, thin or narrow space, even a line break; invisible characters (zero-width
spaces and joiners, word joiner, BOM, soft hyphen, combining marks, control characters)
may sit between any two digits; the digits themselves may be full-width, another
script's, or their NFKC equivalents (superscripts, circled). Outputs that escape such
characters (``\\u2013`` and ``\\n`` in JSON, ``\\xad`` in kvcli's own path escapes,
``&#10;`` in XML) and file names holding undecodable bytes (``surrogateescape``,
read as cp1252: a Windows en dash is byte 0x96) are read the same way. The mask always
replaces the ORIGINAL span, escapes and invisible characters included, so not one of
the last four digits survives.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# Characters that are not \d but whose NFKC form is one ASCII digit (superscripts, subscripts, circled).
_DIGITS_EXTRA = [(0xB2, 0xB3), (0xB9, 0xB9), (0x2070, 0x2070), (0x2074, 0x2079), (0x2080, 0x2089),
                 (0x2460, 0x2468), (0x24EA, 0x24EA)]  # fmt: skip
_DASHES = [(0x2D, 0x2D), (0x2D7, 0x2D7), (0x58A, 0x58A), (0x5BE, 0x5BE), (0x1400, 0x1400), (0x1806, 0x1806),
           (0x2010, 0x2015), (0x2043, 0x2043), (0x207B, 0x207B), (0x208B, 0x208B), (0x2212, 0x2212),
           (0x2796, 0x2796), (0x2E17, 0x2E17), (0x2E1A, 0x2E1A), (0x2E3A, 0x2E3B), (0x2E40, 0x2E40),
           (0x30A0, 0x30A0), (0xFE31, 0xFE32), (0xFE58, 0xFE58), (0xFE63, 0xFE63), (0xFF0D, 0xFF0D)]  # fmt: skip
_PLUSES = [(0x2B, 0x2B), (0x207A, 0x207A), (0x208A, 0x208A), (0x2795, 0x2795), (0xFE62, 0xFE62), (0xFF0B, 0xFF0B)]  # fmt: skip
_DOTS = [(0x2E, 0x2E), (0xB7, 0xB7), (0x2024, 0x2024), (0x2027, 0x2027), (0x2219, 0x2219), (0x22C5, 0x22C5),
         (0x30FB, 0x30FB), (0xFE52, 0xFE52), (0xFF0E, 0xFF0E), (0xFF65, 0xFF65)]  # fmt: skip
_BLANKS = [(0x2800, 0x2800)]  # braille blank: looks like a space, is not \s
# Unicode's Default_Ignorable_Code_Point, control characters that are not whitespace, and combining marks
# (a digit with an underline or a keycap is still read as that digit).
_INVISIBLE = [(0x00, 0x08), (0x0E, 0x1B), (0x7F, 0x84), (0x86, 0x9F), (0xAD, 0xAD), (0x300, 0x36F),
              (0x61C, 0x61C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x1AB0, 0x1AFF),
              (0x1DC0, 0x1DFF), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x20D0, 0x20FF),
              (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFE20, 0xFE2F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0),
              (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF)]  # fmt: skip


def _byte_char(b: int) -> str:
    """What an undecodable file-name byte most likely meant: cp1252 (Windows), else Latin-1."""
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


_BYTE_CHAR = {b: _byte_char(b) for b in range(0x80, 0x100)}


def _in(ranges: list[tuple[int, int]], ch: str) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in ranges)


def _classify(ch: str) -> str:
    """The normalised form of one character: an ASCII digit, ' ', '-', '+', '.', '' (invisible) or '#'."""
    cp = ord(ch)
    if 0xDC80 <= cp <= 0xDCFF:
        ch = _BYTE_CHAR[cp - 0xDC00]
    digit = unicodedata.decimal(ch, None)
    if digit is None and _in(_DIGITS_EXTRA, ch):
        digit = unicodedata.decimal(unicodedata.normalize("NFKC", ch), None)
    if digit is not None:
        return str(digit)
    if ch.isspace() or _in(_BLANKS, ch):
        return " "
    for ranges, norm in ((_DASHES, "-"), (_PLUSES, "+"), (_DOTS, "."), (_INVISIBLE, "")):
        if _in(ranges, ch):
            return norm
    return "#"


def _class(ranges: Iterable[tuple[int, int]], extra: str = "") -> str:
    def esc(cp: int) -> str:
        return f"\\U{cp:08x}" if cp > 0xFFFF else f"\\u{cp:04x}"

    return "".join(esc(lo) if lo == hi else f"{esc(lo)}-{esc(hi)}" for lo, hi in ranges) + extra


# Undecodable bytes (lone surrogates U+DC80..U+DCFF) that stand for a digit, a separator or an invisible.
_BYTE_CLASS = {b: _classify(c) for b, c in _BYTE_CHAR.items()}  # once each: 3 ms of every start when done 4 times
_BYTE_DIGIT_VALUES = [b for b, c in _BYTE_CLASS.items() if c.isdigit()]  # ¹ ² ³
_BYTE_DIGITS = [(0xDC00 + b,) * 2 for b in _BYTE_DIGIT_VALUES]
_BYTE_INVISIBLE, _BYTE_SPACES, _BYTE_SEPARATORS = (
    [(0xDC00 + b,) * 2 for b, c in _BYTE_CLASS.items() if c in kinds] for kinds in ([""], [" "], "-+.")
)
_D_CHAR = f"[\\d{_class(_DIGITS_EXTRA + _BYTE_DIGITS)}]"
# Blocks of decimal digits (Nd) by their zero: what JSON with ensure_ascii writes as \uXXXX (a surrogate pair
# beyond the BMP).
_ND_ZEROS = [0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50,
             0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
             0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0,
             0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50,
             0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140,
             0x1E2F0, 0x1E950, 0x1FBF0]  # fmt: skip
_ESCAPED_DIGITS = [z + i for z in _ND_ZEROS for i in range(10)] + [
    cp for lo, hi in _DIGITS_EXTRA for cp in range(lo, hi + 1) if cp <= 0xFFFF
]


def _json_escape(cp: int) -> str:
    if cp <= 0xFFFF:
        return f"{cp:04x}"
    hi, lo = divmod(cp - 0x10000, 0x400)
    return f"{0xD800 + hi:04x}\\\\u{0xDC00 + lo:04x}"


def _alternation(words: list[str]) -> str:
    """Fixed-length hex words as a compact alternation: words that differ only in their last character
    share one branch ("066[0-9]"). The set matched is the same; the pattern is a tenth as long, and the
    candidate pattern repeats it twelve times, so compiling it at import went from ~100 ms to ~10 ms."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[:-1], []).append(w[-1])
    return "|".join(k + (f"[{''.join(sorted(set(v)))}]" if len(set(v)) > 1 else v[0]) for k, v in groups.items())


_D_ESC = ("(?i:\\\\u(?:" + _alternation([_json_escape(cp) for cp in _ESCAPED_DIGITS]) + ")"
          + "|\\\\x(?:" + "|".join(f"{b:02x}" for b in _BYTE_DIGIT_VALUES) + "))")  # fmt: skip
_D = f"(?:{_D_CHAR}|{_D_ESC})"
# An escape sequence of a serialised output: JSON/Python (\n, \u2013, \xad, \U0001f600) or an XML character reference.
_ESC = r"(?:\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\(?:[ntrfbv0]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})|&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});)"
_I_CHAR = f"[{_class(_INVISIBLE + _BYTE_INVISIBLE)}]"
_I = f"(?:{_I_CHAR}|(?!{_D_ESC}){_ESC})"  # may stand between any two digits
_W = f"[\\s{_class(_BLANKS + _BYTE_SPACES)}]"
_S = f"[{_class(_DASHES + _PLUSES + _DOTS + _BYTE_SEPARATORS)}]"
_H = "[0-9a-fA-F]"
# A number starts at a digit that follows no digit, or right after an escape ("\u2013" then the number),
# and never among an escape's own hex digits.
_START = (f"(?:(?<=\\\\u{_H}{{4}})|(?<=\\\\x{_H}{{2}})|(?<=\\\\U{_H}{{8}})|(?<!{_D_CHAR}))"
          + "".join(f"(?<!\\\\{c}{_H * k})" for c, n in (("u", 4), ("x", 2), ("U", 8)) for k in range(n)))  # fmt: skip


def _candidates(d: str, i: str) -> re.Pattern[str]:
    """Shaped like a personnummer in the original text (``d`` a digit, ``i`` what may stand between two);
    confirmed on its normalised form. The lookahead first lets the engine skip cheaply every position
    that cannot start one. Only a literal invisible character joins a following digit to the number: an
    escape there may be a tab (``9876\\t3`` in JSON is a number and then a figure)."""
    gap = f"{i}*(?:{_W}{i}*){{0,2}}(?:{_S}{i}*)?(?:{_W}{i}*){{0,2}}"
    return re.compile(f"(?=[\\\\\\d{_class(_DIGITS_EXTRA + _BYTE_DIGITS)}]){_START}"
                      f"(?:{d}{i}*{d}{i}*)?{d}(?:{i}*{d}){{5}}{gap}{d}(?:{i}*{d}){{3}}(?!{_I_CHAR}*{d})")  # fmt: skip


# Compiled on first use: only text holding escapes (serialised outputs) needs it.
_cand_re = functools.cache(lambda: _candidates(_D, _I))
_CAND_PLAIN_RE = _candidates(_D_CHAR, _I_CHAR)  # twice as fast, for text without escapes
# Text whose only escapes are one letter long (the "\n", "\t", "\"" of JSON written with ensure_ascii off):
# there no escape can be a digit, so the digit escapes' long alternation, a tenth of a second's compiling
# in every `parse --format json`, is left out. Where ``_LONG_ESCAPE_RE`` finds nothing, ``_D_ESC`` cannot
# match (it begins with a backslash and u, U, x or X), so ``_D`` matches what ``_D_CHAR`` does and ``_I`` what
# this ``_I`` does: the same candidates (tests/test_privacy_escapes.py checks both on generated text).
_LONG_ESCAPE_RE = re.compile(r"\\[uUxX]|&#")
_cand_short_re = functools.cache(lambda: _candidates(_D_CHAR, f"(?:{_I_CHAR}|\\\\[ntrfbv0])"))


def _candidates_in(text: str) -> re.Pattern[str]:
    """The cheapest candidate pattern that finds in ``text`` what the escape-aware one would."""
    if "\\" not in text and "&#" not in text:
        return _CAND_PLAIN_RE
    return _cand_re() if _LONG_ESCAPE_RE.search(text) else _cand_short_re()
_TOKEN_RE = re.compile(f"{_ESC}|.", re.S)
_ESC_CHAR = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "b": "\b", "v": "\v", "0": "\0"}
# In the normalised candidate: YYMMDD-NNNN, YYYYMMDD-NNNN, YYMMDD+NNNN (100+ years), or the digits run together.
_PNR_RE = re.compile(r"(?<!\d)(?P<c>19|20)?(?P<d>\d{6}) {0,2}[-+.]? {0,2}(?P<n>\d{4})(?!\d)")


def _unescape(token: str) -> str:
    if len(token) == 1:
        return token
    if token.startswith("&#"):
        body = token[2:-1]
        cp = int(body[1:], 16) if body[:1] in "xX" else int(body)
    elif len(token) == 12:  # a surrogate pair
        cp = 0x10000 + (int(token[2:6], 16) - 0xD800) * 0x400 + int(token[8:], 16) - 0xDC00
    elif token[1] in "xuU":
        cp = int(token[2:], 16)
        if token[1] == "x" and cp >= 0x80:
            return chr(0xDC00 + cp)  # kvcli's path escapes: \xNN is an undecodable byte
    else:
        return _ESC_CHAR[token[1]]
    return chr(cp) if cp <= 0x10FFFF else "#"


def _luhn_ok(ten: str) -> bool:
    total = 0
    for i, ch in enumerate(ten):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _date_ok(yymmdd: str) -> bool:
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    if day > 60:  # samordningsnummer add 60 to the day
        day -= 60
    return 1 <= month <= 12 and 1 <= day <= 31


def find_personnummer(text: str) -> list[tuple[int, int, str]]:
    """(start, end, masked) for every Luhn-valid personnummer/samordningsnummer in ``text``.

    ``start``/``end`` delimit the number as written in ``text`` (separators, invisible characters and
    escapes inside it included); ``masked`` is its ASCII ``[YY]YYMMDD-****`` form."""
    return [(start, end, f"{digits[:-4]}-****") for start, end, digits in _hits(text)]


def personnummer_values(text: str) -> set[float]:
    """The numbers a parser would read from the personnummer in ``text`` written without separator
    ("8112189876" is 8112189876.0): a figure with such a value shows the number it came from."""
    return {float(digits) for _, _, digits in _hits(text)}


def _hits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, the number's ten or twelve ASCII digits)."""
    found = []
    for cand in _candidates_in(text).finditer(text):
        # The candidate's digits are the text's next ten or twelve, whichever way the pattern aligned
        # them: the number, if there is one, is found again on the normalised form.
        chars, starts, ends = [], [], []
        for token in _TOKEN_RE.finditer(cand.group()):
            norm = _classify(_unescape(token.group()))
            if norm:
                chars.append(norm)
                starts.append(cand.start() + token.start())
                ends.append(cand.start() + token.end())
        for m in _PNR_RE.finditer("".join(chars)):
            if (
                _date_ok(m.group("d"))
                and _luhn_ok(m.group("d") + m.group("n"))
                and not _in_digest(text, cand)
            ):
                # The whole original span, first digit to last: not one of the four digits is left.
                found.append(
                    (starts[m.start()], ends[m.end() - 1], (m.group("c") or "") + m.group("d") + m.group("n"))
                )
    return found


_HEX = frozenset("0123456789abcdefABCDEF")
_DIGEST_LEN = 32


def _in_digest(text: str, cand: re.Match[str]) -> bool:
    """Ten digits inside a long hexadecimal string are part of a digest or key (sha256, a salt), not a
    personnummer: masking them would corrupt the value (about one sha256 in 1 300 holds a run that passes
    the Luhn and date checks)."""
    start, end = cand.span()
    if not cand.group().isdigit():
        return False
    while start > 0 and text[start - 1] in _HEX:
        start -= 1
    while end < len(text) and text[end] in _HEX:
        end += 1
    return end - start >= _DIGEST_LEN


def mask_personnummer(text: str) -> str:
    # Every string of every output comes through here, most of them short labels and codes: one
    # search (or none) tells they hold no number before any work is done on them.
    if len(text) < 10:
        return text
    if len(text) <= _MEMO_MAX_CHARS and type(text) is str:
        return _mask_memo(text)
    return _mask(text)


def _mask(text: str) -> str:
    if not _candidates_in(text).search(text):
        return text
    hits = find_personnummer(text)
    if not hits:
        return text
    out, last = [], 0
    for start, end, masked in hits:
        out.append(text[last:start])
        out.append(masked)
        last = end
    out.append(text[last:])
    return "".join(out)


# An archive's reports repeat the same messages, evidence and headings in every copy: writing the check
# results of 300 documents masked 23 500 strings, 1 600 of them distinct. Short ones are masked once each;
# the bounds keep the memo to a few megabytes in a worker that checks thousands of files.
_MEMO_MAX_CHARS = 512
_mask_memo = functools.lru_cache(maxsize=8192)(_mask)


# What may end one element of a number as the candidate pattern reads it (a digit, an invisible character, a
# space, a separator, or the last character of an escape), and what may begin one (the same, or an escape's
# backslash or ampersand). A line break is itself one whole element, a space.
_ELEMENT_END = f"(?:{_D_CHAR}|{_I_CHAR}|{_W}|{_S}|[0-9a-fA-Fntrfbv;])"
_ELEMENT_START = f"(?:{_D_CHAR}|{_I_CHAR}|{_W}|{_S}|[\\\\&])"
# Compiled on first use, as only a long output is cut: not every start-up of kvcli should pay for them.
_ends_re = functools.cache(lambda: re.compile(_ELEMENT_END))
_begins_re = functools.cache(lambda: re.compile(_ELEMENT_START))
# A line break no number can span: after a character that ends no element (or at the very start), or before
# spaces and then a character that begins none (or the end of the text).
_break_re = functools.cache(lambda: re.compile(f"\n(?:(?<!{_ELEMENT_END}\n)|(?! *{_ELEMENT_START}))"))


def mask_pieces(text: str) -> list[str]:
    """``text`` cut at line breaks that no personnummer can span, so that masking each piece and joining
    them with "\\n" gives exactly ``mask_personnummer(text)``.

    Why it is exact: a number found in ``text`` that held such a break would hold it as a gap's space,
    right after the last character of one element and followed, past any spaces, by the first character
    of another; the break has neither. Whatever the pattern looks at around a piece (the character before
    a number, an escape's hex digits before it, invisible characters after it) stops at a line break
    just as it stops at the end of a string, and neither the "escaped" pattern nor the plain one can
    match a backslash or "&#" that a piece does not hold.

    Serialised outputs are long and repeat the same lines (the JSON of an archive: 137 000 lines, 962
    distinct), so a caller masks each distinct piece once. The check report's indented JSON is cut at
    every line without the slower split: none of its lines begins, past the indentation, with a digit,
    a dash or a backslash (a list of numbers would, and would then be cut by the pattern).
    """
    lines = text.split("\n")
    if len(lines) > 1:
        inner = set(lines[1:-1])
        may_begin = any(map(_line_may_begin, inner)) or _begins(lines[-1].lstrip(" "))
        if may_begin and any(map(_line_may_end, inner | {lines[0]})):
            return _break_re().split(text)
    return lines


def _line_may_end(line: str) -> bool:
    return not line or _ends_re().fullmatch(line[-1]) is not None  # an empty line ends with the break before it


def _line_may_begin(line: str) -> bool:
    rest = line.lstrip(" ")
    return not rest or _begins(rest)  # a line of spaces is followed by another break, a space


def _begins(text: str) -> bool:
    return bool(text) and _begins_re().fullmatch(text[0]) is not None
