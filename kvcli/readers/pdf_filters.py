"""Incremental PDF stream decoders for the bomb pre-scan: bytes in, bounded chunks out.

Each stage takes its input piece by piece and yields output in pieces of at most ``CHUNK``
bytes, so a chain (``[/ASCIIHexDecode /FlateDecode]``) runs stage after stage without ever
holding more than a chunk of any stage's output. A stage that reaches its end-of-data marker,
or meets damage, is ``done`` and ignores the rest, as pdfium keeps what came before damage.
zlib does Flate in C; ASCII85 and predictors use numpy; LZW, RunLength and two PNG predictor
rows are Python loops, so they charge a ``Budget`` for their steps.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Protocol

# numpy is imported by the filters that need it (ASCII85, predictors): importing it costs 70 ms,
# and most PDFs' streams are Flate alone.
if TYPE_CHECKING:
    import numpy as np

CHUNK = 1 << 20  # most output one step yields
FLATE = ("FlateDecode", "Fl")
LZW = ("LZWDecode", "LZW")
AHX = ("ASCIIHexDecode", "AHx")
A85 = ("ASCII85Decode", "A85")
RL = ("RunLengthDecode", "RL")

_HEX = b"0123456789abcdefABCDEF"
_NOT_HEX = bytes(c for c in range(256) if c not in _HEX)
_NOT_A85 = bytes(c for c in range(256) if not (33 <= c <= 117 or c == ord("z")))


class Exhausted(Exception):
    """The scan's step budget ran out: the file makes the scan do far more work than any report needs."""


class Budget:
    def __init__(self, steps: int) -> None:
        self.left = steps

    def charge(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise Exhausted


class Stage(Protocol):
    done: bool

    def feed(self, data: bytes) -> Iterator[bytes]: ...

    def finish(self) -> Iterator[bytes]: ...


class Flate:
    def __init__(self) -> None:
        self._z = zlib.decompressobj()
        self.done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        buf = data
        while buf and not self.done:
            try:
                out = self._z.decompress(buf, CHUNK)
            except zlib.error:
                self.done = True
                return
            tail = self._z.unconsumed_tail
            # Past the end of the zlib data (an EOL before endstream) nothing is Flate any more.
            if self._z.eof or (not out and len(tail) == len(buf)):
                self.done = True
            buf = tail
            if out:
                yield out

    def finish(self) -> Iterator[bytes]:
        while not self.done:  # output zlib still holds after the last input
            try:
                out = self._z.decompress(b"", CHUNK)
            except zlib.error:
                break
            if not out:
                break
            yield out
        self.done = True


class AsciiHex:
    def __init__(self) -> None:
        self._odd = b""
        self.done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self.done:
            return
        raw = bytes(data)
        end = raw.find(b">")
        if end >= 0:
            raw, self.done = raw[:end], True
        digits = self._odd + raw.translate(None, _NOT_HEX)  # pdfium skips what is not a hex digit
        cut = len(digits) & ~1
        self._odd = digits[cut:]
        if cut:
            yield bytes.fromhex(digits[:cut].decode("ascii"))

    def finish(self) -> Iterator[bytes]:
        if self._odd:
            yield bytes([int(self._odd + b"0", 16)])
            self._odd = b""
        self.done = True


class Ascii85:
    def __init__(self) -> None:
        self._rest = b""
        self.done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self.done:
            return
        raw = bytes(data)
        end = raw.find(b"~")
        if end >= 0:
            raw, self.done = raw[:end], True
        chars = self._rest + raw.translate(None, _NOT_A85).replace(b"z", b"!!!!!")
        cut = len(chars) - len(chars) % 5
        self._rest = chars[cut:]
        if cut:
            yield _a85_groups(chars[:cut])

    def finish(self) -> Iterator[bytes]:
        if len(self._rest) > 1:
            yield _a85_groups(self._rest.ljust(5, b"u"))[: len(self._rest) - 1]
        self._rest = b""
        self.done = True


def _a85_groups(chars: bytes) -> bytes:
    import numpy as np
    digits = np.frombuffer(chars, np.uint8).reshape(-1, 5).astype(np.uint64) - 33
    value = np.zeros(len(digits), np.uint64)
    for k in range(5):
        value = value * 85 + digits[:, k]
    return (value & 0xFFFFFFFF).astype(">u4").tobytes()


class RunLength:
    def __init__(self, budget: Budget) -> None:
        self._budget = budget
        self._rest = b""
        self.done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        buf = self._rest + bytes(data)
        i, n = 0, len(buf)
        out: list[bytes] = []
        size = runs = 0
        while i < n and not self.done:
            length = buf[i]
            if length == 128:
                self.done = True
            elif length < 128:
                if i + length + 2 > n:
                    break
                out.append(buf[i + 1 : i + length + 2])
                size += length + 1
                i += length + 2
            else:
                if i + 2 > n:
                    break
                out.append(buf[i + 1 : i + 2] * (257 - length))
                size += 257 - length
                i += 2
            runs += 1
            if size >= CHUNK:
                self._budget.charge(runs)
                runs = size = 0
                yield b"".join(out)
                out = []
        self._budget.charge(runs)
        self._rest = b"" if self.done else buf[i:]
        if out:
            yield b"".join(out)

    def finish(self) -> Iterator[bytes]:
        self.done = True
        return iter(())


class Lzw:
    def __init__(self, budget: Budget, early_change: int = 1) -> None:
        self._budget = budget
        self._early = 1 if early_change else 0
        self._rest = b""
        self._bit = 0  # position in the first byte of _rest
        self._reset()
        self.done = False

    def _reset(self) -> None:
        self._table = [bytes([c]) for c in range(256)] + [b"", b""]
        self._width = 9
        self._prev: bytes | None = None

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self.done:
            return
        buf = self._rest + bytes(data)
        nbits = len(buf) * 8
        padded = buf + b"\0\0"
        pos = self._bit
        out: list[bytes] = []
        size = codes = 0
        table = self._table
        while pos + self._width <= nbits:
            i = pos >> 3
            word = (padded[i] << 16) | (padded[i + 1] << 8) | padded[i + 2]
            code = (word >> (24 - (pos & 7) - self._width)) & ((1 << self._width) - 1)
            pos += self._width
            codes += 1
            if code == 256:
                self._reset()
                table = self._table
                continue
            if code == 257:
                self.done = True
                break
            prev = self._prev
            if code < len(table):
                entry = table[code]
                if prev is not None and len(table) < 4096:
                    table.append(prev + entry[:1])
            elif code == len(table) and prev is not None:
                entry = prev + prev[:1]
                if len(table) < 4096:
                    table.append(entry)
            else:
                self.done = True  # a code the table does not hold: damage
                break
            self._prev = entry
            out.append(entry)
            size += len(entry)
            n = len(table) + self._early
            self._width = 9 if n < 512 else 10 if n < 1024 else 11 if n < 2048 else 12
            if size >= CHUNK:
                self._budget.charge(codes)
                codes = size = 0
                yield b"".join(out)
                out = []
        self._budget.charge(codes)
        self._rest, self._bit = buf[pos >> 3 :], pos & 7
        if out:
            yield b"".join(out)

    def finish(self) -> Iterator[bytes]:
        self.done = True
        return iter(())


class Predictor:
    """PNG (10-15) and TIFF (2) predictors undone row by row, as pdfium does after Flate or LZW."""

    def __init__(self, budget: Budget, predictor: int, colors: int, bpc: int, columns: int) -> None:
        import numpy as np
        self._budget = budget
        self._png = predictor >= 10
        self._bpc = bpc
        self._colors = colors
        self._row = (colors * bpc * columns + 7) // 8
        self._bpp = max(1, (colors * bpc + 7) // 8)
        self._stride = self._row + (1 if self._png else 0)
        self._prev = np.zeros(self._row, np.uint8)
        self._rest = b""
        self.done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        import numpy as np
        buf = self._rest + bytes(data)
        rows = len(buf) // self._stride
        self._rest = buf[rows * self._stride :]
        out = []
        for r in range(rows):
            line = np.frombuffer(buf, np.uint8, self._stride, r * self._stride)
            out.append(self._png_row(line) if self._png else self._tiff_row(line))
        if out:
            yield b"".join(out)

    def _png_row(self, line: np.ndarray) -> bytes:
        import numpy as np
        tag, raw = int(line[0]), line[1:]
        self._budget.charge(4)
        if tag == 1:
            pad = -len(raw) % self._bpp  # a row of sub-byte pixels need not be whole pixels
            lanes = np.concatenate([raw, np.zeros(pad, np.uint8)]).reshape(-1, self._bpp)
            cur = np.cumsum(lanes, axis=0, dtype=np.uint8).reshape(-1)[: len(raw)]
        elif tag == 2:
            cur = raw + self._prev
        elif tag in (3, 4):
            cur = self._sequential_row(tag, raw)
        else:
            cur = raw.copy()
        self._prev = cur
        return cur.tobytes()

    def _sequential_row(self, tag: int, raw: np.ndarray) -> np.ndarray:
        """Average and Paeth depend on the byte just decoded: no vector form, so one step per byte."""
        import numpy as np
        self._budget.charge(len(raw))
        up = self._prev.tolist()
        src = raw.tolist()
        cur = [0] * len(src)
        bpp = self._bpp
        for i, x in enumerate(src):
            a = cur[i - bpp] if i >= bpp else 0
            if tag == 3:
                cur[i] = (x + ((a + up[i]) >> 1)) & 255
            else:
                b, c = up[i], (up[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (x + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        return np.array(cur, np.uint8)

    def _tiff_row(self, line: np.ndarray) -> bytes:
        import numpy as np
        self._budget.charge(4)
        if self._bpc == 8:
            return np.cumsum(line.reshape(-1, self._colors), axis=0, dtype=np.uint8).tobytes()
        if self._bpc == 16:
            lanes = line.view(">u2").reshape(-1, self._colors)
            return np.cumsum(lanes, axis=0, dtype=np.uint16).astype(">u2").tobytes()
        return line.tobytes()  # 1-, 2- and 4-bit TIFF differencing: kept as it is (the size is the same)

    def finish(self) -> Iterator[bytes]:
        self.done = True
        if self._rest:
            yield self._rest
            self._rest = b""


class Identity:
    """/Crypt in a chain: the decryption, if any, runs before the chain, so here bytes pass as they are."""

    done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        yield data

    def finish(self) -> Iterator[bytes]:
        return iter(())


def stages_for(name: str, parms: object, budget: Budget, predict: bool) -> list[Stage] | None:
    """The stages of one filter, or None for one the scan does not decode (DCT, JPX, JBIG2, CCITT...).

    ``predict``: undo a predictor too; needed only when the bytes feed another stage or are read."""
    parm = parms if isinstance(parms, dict) else {}
    first: Stage
    if name in FLATE:
        first = Flate()
    elif name in LZW:
        first = Lzw(budget, _int(parm, "EarlyChange", 1))
    elif name in AHX:
        return [AsciiHex()]
    elif name in A85:
        return [Ascii85()]
    elif name in RL:
        return [RunLength(budget)]
    elif name == "Crypt":
        return [Identity()]
    else:
        return None
    predictor = _int(parm, "Predictor", 1)
    if not predict or predictor < 2:
        return [first]
    colors, bpc, columns = (
        _int(parm, "Colors", 1),
        _int(parm, "BitsPerComponent", 8),
        _int(parm, "Columns", 1),
    )
    valid = (
        1 <= colors <= 32 and bpc in (1, 2, 4, 8, 16) and 1 <= columns and colors * bpc * columns <= 1 << 27
    )
    if valid and (predictor == 2 or predictor >= 10):
        return [first, Predictor(budget, predictor, colors, bpc, columns)]
    return [first]


def _int(parm: dict[str, object], key: str, default: int) -> int:
    values = parm.get(key)
    value = values[-1] if isinstance(values, list) and values else values
    return value if isinstance(value, int) and not isinstance(value, bool) else default


class Pipeline:
    """Stages run in order; ``count(stage, n)`` hears of every piece each stage yields."""

    def __init__(self, stages: list[Stage], count: Callable[[int, int], None]) -> None:
        self.stages = stages
        self._count = count

    @property
    def done(self) -> bool:
        """The first stage wants no more input. A pipeline of no stages passes everything through."""
        return bool(self.stages) and self.stages[0].done

    def feed(self, data: bytes) -> Iterator[bytes]:
        return self._push(0, data)

    def _push(self, i: int, data: bytes) -> Iterator[bytes]:
        if i == len(self.stages):
            yield data
            return
        for out in self.stages[i].feed(data):
            self._count(i, len(out))
            yield from self._push(i + 1, out)

    def finish(self) -> Iterator[bytes]:
        for i, stage in enumerate(self.stages):
            for out in stage.finish():
                self._count(i, len(out))
                yield from self._push(i + 1, out)
