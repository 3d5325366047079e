"""Refuse PDF decompression bombs before pdfium inflates them.

pdfium (C) inflates what it reads with no limit of ours; a few hundred KB of Flate expand to
gigabytes. So before pdfium sees a file, every stream is decoded once through its whole filter
chain, in bounded pieces that are counted and dropped: any stage of one stream past
``max_stream_size``, or everything together past ``max_inflated_total``, refuses the file.
Filters the scan does not decode (DCT, JPX, JBIG2, CCITT) end the measurement; what came
before them is counted. A damaged stream counts what it yielded before the damage.

Which streams: pdfium also finds objects through a damaged or rebuilt xref, so the scan does not
trust the xref either (``pdf_objects``). Every ``stream`` keyword in the file starts a stream;
its dictionary is the one ending just before it, parsed as pdfium parses (``pdf_syntax``), with
references in /Filter, /DecodeParms and /Length resolved against every definition of the
object, in the file and in object streams. Where a file reads two ways (a dictionary that does
not parse, an object defined twice, zlib data under a dictionary that names no filter) every
reading is measured and the largest counts. Streams of a file that opens without a password are
decrypted first (``pdf_crypt``); inline images in decoded content are measured too
(``pdf_inline``).

The work is linear: the file is read a bounded number of times, and a file crafted to make the
scan re-read it (overlapping objects) or to run its byte-level decoders for minutes is refused.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import LimitError
from ..limits import Limits
from .pdf_crypt import Crypt, CryptoMissing, Decrypt, standard_crypt
from .pdf_filters import AHX, FLATE, Budget, Exhausted, Pipeline, Stage, stages_for
from .pdf_inline import InlineImages, looks_like_zlib
from .pdf_objects import Source, find_headers, keyword_positions
from .pdf_syntax import FAIL, WHITESPACE, Name, Parser, PdfDict, Ref

_FEED = 1 << 18  # raw bytes handed to a decoder per step
MAX_FILTERS = 32
MAX_READINGS = 8  # ways of reading one stream that are all measured
MAX_DEFINITIONS = 8  # definitions of one object number followed
MAX_REF_DEPTH = 8
KEEP_OBJECT_STREAMS = 32 << 20  # decoded object-stream bytes held to resolve references into them
WORK_FACTOR = 4  # file bytes the scan may read, per byte of the file ...
WORK_SLACK = 64 << 20  # ... plus this much
SLOW_STEPS = 16_000_000  # Python-level decoder steps (LZW codes, RunLength runs, predictor bytes)

_HEX_DIGITS = b"0123456789abcdefABCDEF"
_INTS = re.compile(rb"[0-9]{1,18}")
_ENDSTREAM_NEXT = re.compile(rb"(?:[\x00\t\n\x0c\r ]|%[^\r\n]*[\r\n])*endstream")


def check_streams(name: str, data: bytes, limits: Limits) -> None:
    try:
        _Scan(name, data, limits).run()
    except Exhausted:
        raise LimitError(
            name, "PDF needs too much work to check for decompression bombs (hostile structure?); refused"
        ) from None
    except CryptoMissing:
        raise LimitError(
            name, "encrypted PDF cannot be checked for decompression bombs without the 'cryptography' package"
        ) from None


@dataclass
class _Stream:
    source: Source
    keyword: int
    dictionary: PdfDict | None
    num: int | None = None  # the object it belongs to, which keys its decryption
    gen: int = 0
    start: int = 0
    end: int = 0
    open_ended: bool = False  # neither /Length nor an end keyword says where it ends: pdfium reads no stream


class _Scan:
    def __init__(self, name: str, data: bytes, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.work_left = WORK_FACTOR * len(data) + WORK_SLACK
        self.budget = Budget(SLOW_STEPS)
        self.total = 0  # counted for the streams measured so far
        self.pending = 0  # counted for the reading being measured
        self.kept = 0
        self.file = Source(data, find_headers(data))
        self.definitions: dict[int, list[tuple[Source, int]]] = {}
        self._define(self.file)
        self.resolved: dict[int, list[object]] = {}
        self.crypt: Crypt | None = None

    def run(self) -> None:
        streams = [self._stream(self.file, k) for k in self.file.keywords]
        self.crypt = self._find_crypt(streams)
        # Object streams first: references elsewhere may resolve into them.
        object_streams = [
            s for s in streams if s.dictionary is not None and _is(s.dictionary, "Type", "ObjStm")
        ]
        inner: list[_Stream] = []
        for s in object_streams:
            content = self._measure(s, keep=True)
            if content is not None and s.dictionary is not None:
                source = self._object_stream(s.dictionary, content)
                inner += [self._stream(source, k) for k in source.keywords]
        done = {id(s) for s in object_streams}
        for s in inner + [s for s in streams if id(s) not in done]:
            self._measure(s)

    # --- finding streams and their dictionaries -----------------------------------------------------------

    def _define(self, source: Source) -> None:
        for body, num in zip(source.bodies, source.nums):
            self.definitions.setdefault(num, []).append((source, body))
        self.resolved = {}  # new definitions: what references stood for may have grown

    def _stream(self, source: Source, keyword: int) -> _Stream:
        s = _Stream(source, keyword, None)
        s.dictionary, s.num, s.gen = self._owner(source, keyword)
        s.start = source.data_start(keyword)
        return s

    def _extent(self, s: _Stream) -> None:
        """Where the data ends: at /Length when ``endstream`` follows it (pdfium's rule), else where the
        search for ``endstream`` lands; the later of the two, so a crafted /Length hides nothing."""
        data = s.source.data
        found = s.source.search_end(s.start)
        ends = [len(data) if found is None else found]
        if s.dictionary is not None:
            for length in self._ints(s.dictionary, "Length"):
                end = s.start + length
                if 0 <= length and end <= len(data) and _ENDSTREAM_NEXT.match(data, end, end + 4096):
                    ends.append(end)
        s.end = max(s.start, *ends)
        s.open_ended = found is None and len(ends) == 1

    def _owner(self, source: Source, keyword: int) -> tuple[PdfDict | None, int | None, int]:
        """(dictionary, object number, generation) of the object this ``stream`` keyword belongs to, if
        one: the nearest object before it, or one of the few before that when a stray "N G obj"
        stands inside the dictionary."""
        i = bisect_right(source.bodies, keyword) - 1
        for j in range(i, max(i - 4, -1), -1):
            body = source.bodies[j]
            value, at = self._parse(source, body, cache=j == i, end=None if j == i else keyword + 6)
            if at == keyword and isinstance(value, PdfDict):
                return value, source.nums[j], source.gens[j]
            if j == i and at is not None:
                break  # the nearest object is a stream of its own, and this word stands inside it
        return None, None, 0

    def _parse(
        self, source: Source, body: int, cache: bool = True, end: int | None = None
    ) -> tuple[object, int | None]:
        """(value of the object at ``body``, position of the ``stream`` keyword after it or None)."""
        if cache and body in source.parsed:
            return source.parsed[body]
        parser = Parser(source.data, source.next_body(body) if end is None else end)
        w, _, pos = parser.word(body)
        result: tuple[object, int | None]
        if w == b"<<":
            d, pos, at = parser.dictionary(pos)
            result = (FAIL if d is None else d), at
        else:
            value, pos = parser.value(body)
            result = value, None
        self._work(pos - body)
        self.budget.charge(parser.words)
        if cache:
            source.parsed[body] = result
        return result

    def _object_stream(self, d: PdfDict, content: bytes) -> Source:
        first = next(iter(self._ints(d, "First")), 0)
        count = next(iter(self._ints(d, "N")), 0)
        ints = [
            int(x) for x in _INTS.findall(content, 0, max(0, min(first, len(content))))[: 2 * max(0, count)]
        ]
        owners = sorted(
            {(first + off, num, 0) for num, off in zip(ints[::2], ints[1::2]) if first + off < len(content)}
        )
        source = Source(content, owners)
        self._define(source)
        return source

    # --- resolving references ---------------------------------------------------------------------------

    def _resolve(self, obj: object, depth: int = 0) -> list[object]:
        """Every value ``obj`` may stand for: itself, or what each definition of the object it refers to
        holds. Remembered per object number, so chains of references through objects defined many
        times cost each definition once."""
        if not isinstance(obj, Ref):
            return [] if obj is FAIL else [obj]
        if obj.num in self.resolved:
            return self.resolved[obj.num]
        if depth >= MAX_REF_DEPTH:
            return []
        self.resolved[obj.num] = []  # a reference back to itself resolves to nothing
        out: list[object] = []
        for source, body in self.definitions.get(obj.num, [])[-MAX_DEFINITIONS:]:
            value, _ = self._parse(source, body)
            out += self._resolve(value, depth + 1)
        self.resolved[obj.num] = out = out[:MAX_DEFINITIONS]
        return out

    def _ints(self, d: PdfDict, key: str) -> list[int]:
        return [
            v
            for raw in d.values_of(key)
            for v in self._resolve(raw)
            if isinstance(v, int) and not isinstance(v, bool)
        ]

    def _filters(self, value: object) -> list[list[str]]:
        out: list[list[str]] = []
        for v in self._resolve(value):
            if isinstance(v, Name):
                out.append([str(v)])
            elif isinstance(v, list):
                if len(v) > MAX_FILTERS:
                    raise LimitError(
                        self.name,
                        f"a PDF stream has over {MAX_FILTERS} filters in a chain (decompression bomb?); refused",
                    )
                chains: list[list[str]] = [[]]
                for element in v:
                    names = [str(x) for x in self._resolve(element) if isinstance(x, Name)][:2] or ["?"]
                    chains = [c + [n] for c in chains for n in names][:MAX_READINGS]
                out += chains
        return out[:MAX_READINGS]

    def _parms(self, value: object) -> list[list[object]]:
        out: list[list[object]] = []
        for v in self._resolve(value):
            if isinstance(v, list):
                out.append([next(iter(self._resolve(e)), None) for e in v[:MAX_FILTERS]])
            else:
                out.append([v])
        return out[:2]

    def _readings(self, s: _Stream) -> list[tuple[bool, list[tuple[str, object]]]]:
        """Every way pdfium might decode this stream, as (decrypt first?, chain): the declared chain(s),
        and the one its bytes suggest, decrypted or as they stand."""
        readings: list[list[tuple[str, object]]] = []
        d = s.dictionary
        if d is not None and "Filter" not in d:
            readings.append([])
        elif d is not None:
            filters = [c for v in d.values_of("Filter") for c in self._filters(v)] or [[]]
            parms = [p for v in d.values_of("DecodeParms") for p in self._parms(v)] or [[]]
            for names in filters:
                for p in parms:
                    chain = [(n, p[i] if i < len(p) else None) for i, n in enumerate(names)]
                    if chain not in readings:
                        readings.append(chain)
        # The end is not known yet, so the head may run past it: harmless, a sniff reads its first bytes.
        head = s.source.data[s.start : s.start + 96]
        stage = self._decrypter(s)
        out = [(stage is not None, r) for r in readings]
        guesses = [(False, _sniff(head))]
        if stage is not None:
            guesses.append((True, _sniff(b"".join(stage.feed(head)))))
        for crypt, guess in guesses:
            if guess and all((c, [n for n, _ in r]) != (crypt, guess) for c, r in out):
                out.append((crypt, [(n, None) for n in guess]))
        return out[:MAX_READINGS]

    def _decrypter(self, s: _Stream) -> Decrypt | None:
        """A fresh decrypting stage for ``s`` when the file is encrypted and the stream is too."""
        if self.crypt is None or s.source is not self.file:
            return None  # object streams are decrypted as a whole; what stands inside them is not again
        d = s.dictionary
        if d is not None:
            if _is(d, "Type", "XRef") or (_is(d, "Type", "Metadata") and not self.crypt.encrypt_metadata):
                return None
            first = next(iter(self._filters(d.values_of("Filter")[-1]) if d.values_of("Filter") else []), [])
            if first[:1] == ["Crypt"]:
                return None  # an explicit crypt filter: Identity is the only one a writer uses on its own
        return self.crypt.stage(s.num, s.gen, self.budget)

    def _find_crypt(self, streams: list[_Stream]) -> Crypt | None:
        """The newest trailer (or xref stream) that names an /Encrypt dictionary decides."""
        trailers: list[tuple[int, PdfDict]] = []
        data = self.file.data
        for pos in keyword_positions(data, b"trailer"):
            parser = Parser(data, min(len(data), pos + (1 << 20)))
            w, _, after = parser.word(pos + 7)
            d, end, _ = parser.dictionary(after) if w == b"<<" else (None, after, None)
            self._work(end - pos)
            self.budget.charge(parser.words)
            if d is not None:
                trailers.append((pos, d))
        trailers += [
            (s.keyword, s.dictionary) for s in streams if s.dictionary and _is(s.dictionary, "Type", "XRef")
        ]
        for _, d in sorted(trailers, key=lambda t: t[0], reverse=True):
            found = [
                v for raw in d.values_of("Encrypt") for v in self._resolve(raw) if isinstance(v, PdfDict)
            ]
            if not found:
                continue
            entries = {k: next(iter(self._resolve(vs[-1])), None) for k, vs in found[-1].items() if vs}
            ids = [v for raw in d.values_of("ID") for v in self._resolve(raw) if isinstance(v, list) and v]
            first = next(iter(self._resolve(ids[-1][0])), b"") if ids else b""
            return standard_crypt(entries, first if isinstance(first, bytes) else b"")
        return None

    # --- measuring ----------------------------------------------------------------------------------------

    def _measure(self, s: _Stream, keep: bool = False) -> bytes | None:
        """Count the largest reading of ``s``; with ``keep``, also return its decoded bytes (if small enough)."""
        d = s.dictionary
        # pdfium applies a last-stage predictor before it reads the bytes as content; images and xref
        # tables, where predictors live, are not content, and undoing theirs would only cost time.
        readings = self._readings(s)
        if not readings:
            return None  # a stray "stream" with nothing that could be decoded after it
        predict_last = keep or d is None or not (_is(d, "Subtype", "Image") or _is(d, "Type", "XRef"))
        self._extent(s)
        best, kept = 0, None
        for decrypt, chain in readings:
            self.pending = 0
            content = self._decode(s, chain, predict_last, keep and kept is None, decrypt)
            if kept is None:
                kept = content
            best = max(best, self.pending)
        self.pending = 0
        self.total += best
        return kept

    def _decode(
        self, s: _Stream, chain: list[tuple[str, object]], predict_last: bool, keep: bool, decrypt: bool
    ) -> bytes | None:
        stages: list[Stage] = []
        counted: list[bool] = []
        if decrypt:
            stage = self._decrypter(s)
            if stage is not None:
                stages.append(stage)
                counted.append(False)  # about as long as its input
        known = True
        for i, (name, parms) in enumerate(chain):
            one = stages_for(name, parms, self.budget, predict=i < len(chain) - 1 or predict_last)
            if one is None:
                known = False  # DCT, JPX...: measured up to here
                break
            stages += one
            counted += [True] + [False] * (
                len(one) - 1
            )  # a predictor's output is never larger than its input's
        if not any(counted) and (not known or s.open_ended):
            return None  # nothing to decode; and raw bytes without an end are no stream pdfium reads
        sizes = [0] * len(stages)

        def count(i: int, n: int) -> None:
            if counted[i]:
                sizes[i] += n
                if sizes[i] > self.limits.max_stream_size:
                    self._refuse_stream()
                self._add(n)

        pipe = Pipeline(stages, count)
        images = InlineImages(self._inline, self._work) if known else None
        parts: list[bytes] | None = [] if keep else None
        held = 0

        def take(out: bytes) -> None:
            nonlocal parts, held
            if images is not None:
                images.feed(bytes(out))  # a piece of an unfiltered stream is a view of the file
            if parts is not None:
                held += len(out)
                if self.kept + held > KEEP_OBJECT_STREAMS:
                    parts = None  # too large to hold: references into it stay unresolved
                else:
                    parts.append(out)

        for piece in self._pieces(s):
            for out in pipe.feed(piece):
                take(out)
            if pipe.done:
                break
        for out in pipe.finish():
            take(out)
        if images is not None:
            images.finish()
        if parts is None:
            return None
        self.kept += held
        return b"".join(parts)

    def _pieces(self, s: _Stream) -> Iterator[bytes]:
        view = memoryview(s.source.data)
        for pos in range(s.start, s.end, _FEED):
            piece = view[pos : min(s.end, pos + _FEED)]
            self._work(len(piece))
            yield piece  # type: ignore[misc]

    def _inline(self, name: str, parms: object) -> Pipeline | None:
        one = stages_for(name, parms, self.budget, predict=False)
        if one is None:
            return None
        size = 0

        def count(i: int, n: int) -> None:
            nonlocal size
            if i == 0:
                size += n
                if size > self.limits.max_stream_size:
                    self._refuse_stream()
                self._add(n)

        return Pipeline(one, count)

    def _add(self, n: int) -> None:
        self.pending += n
        if self.total + self.pending > self.limits.max_inflated_total:
            raise LimitError(
                self.name,
                f"PDF streams inflate to over {self.limits.max_inflated_total:,} bytes in all (decompression bomb?); refused",
            )

    def _refuse_stream(self) -> None:
        raise LimitError(
            self.name,
            f"a PDF stream inflates to over {self.limits.max_stream_size:,} bytes (decompression bomb?); refused",
        )

    def _work(self, n: int) -> None:
        self.work_left -= n
        if self.work_left < 0:
            raise Exhausted


def _is(d: PdfDict, key: str, name: str) -> bool:
    return any(isinstance(v, Name) and v == name for v in d.values_of(key))


def _sniff(head: bytes) -> list[str] | None:
    """The chain that zlib-looking data implies, plain or under ASCIIHex or ASCII85."""
    if len(head) >= 2 and looks_like_zlib(head):
        return [FLATE[0]]
    text = head.translate(None, WHITESPACE)
    if len(text) >= 4 and not text[:4].translate(None, _HEX_DIGITS):
        if looks_like_zlib(bytes.fromhex(text[:4].decode("ascii"))):
            return [AHX[0], FLATE[0]]
    if len(text) >= 5 and all(33 <= c <= 117 for c in text[:5]):
        value = 0
        for c in text[:5]:
            value = value * 85 + c - 33
        if looks_like_zlib((value & 0xFFFFFFFF).to_bytes(4, "big")):
            return ["ASCII85Decode", FLATE[0]]
    return None
