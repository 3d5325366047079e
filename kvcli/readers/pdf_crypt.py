"""Decrypting streams for the bomb pre-scan: the standard security handler with the empty user password.

A PDF "protected" only by an owner password (no opening password: the usual "no editing,
no printing" report) opens in pdfium without asking, and pdfium decrypts each stream before
it inflates it. Encrypted bytes look like noise to a scan that does not decrypt, so a bomb
under RC4 or AES walked past it. This derives the file key as any reader does when no
password is given (PDF 2.0, 7.6.4: algorithms 2, 2.A and 2.B) and decrypts stream data
piece by piece with the ``cryptography`` package (C speed; pdfplumber's own dependency).
"""

from __future__ import annotations

import hashlib
import importlib
import struct
from collections.abc import Iterator
from typing import Any

from .pdf_filters import Budget
from .pdf_syntax import Name, PdfDict

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


class CryptoMissing(Exception):
    """The file is encrypted and the ``cryptography`` package is not installed."""


def _cipher(algorithm: str, key: bytes, iv: bytes = b"") -> Any:
    try:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    except ImportError as exc:
        raise CryptoMissing from exc
    if algorithm == "RC4":
        decrepit: Any = algorithms  # before cryptography 43, RC4 stood with the others
        try:
            decrepit = importlib.import_module("cryptography.hazmat.decrepit.ciphers.algorithms")
        except ImportError:
            pass
        return Cipher(decrepit.ARC4(key), mode=None)
    return Cipher(algorithms.AES(key), modes.CBC(iv) if iv else modes.ECB())


class _SlowRC4:
    """RC4 for key lengths ``cryptography`` refuses (it takes 5, 7, 8, 10, 16, 20, 24 or 32 bytes; an
    odd /Length gives others): one Python step per byte, charged to the scan's budget."""

    def __init__(self, key: bytes, budget: Budget) -> None:
        self._budget = budget
        box = list(range(256))
        j = 0
        for i in range(256):
            j = (j + box[i] + key[i % len(key)]) & 255
            box[i], box[j] = box[j], box[i]
        self._box, self._i, self._j = box, 0, 0

    def update(self, data: bytes) -> bytes:
        self._budget.charge(len(data))
        box, i, j = self._box, self._i, self._j
        out = bytearray(data)
        for k in range(len(out)):
            i = (i + 1) & 255
            j = (j + box[i]) & 255
            box[i], box[j] = box[j], box[i]
            out[k] ^= box[(box[i] + box[j]) & 255]
        self._i, self._j = i, j
        return bytes(out)


class Decrypt:
    """A stage that decrypts one stream: RC4 throughout, or AES-CBC after a 16-byte IV."""

    def __init__(self, method: str, key: bytes, budget: Budget) -> None:
        self._method = method
        self._key = key
        self._iv = b""
        self._ctx: Any = None
        if method == "RC4":
            fast = len(key) in (5, 7, 8, 10, 16, 20, 24, 32)
            self._ctx = _cipher("RC4", key).decryptor() if fast else _SlowRC4(key, budget)
        self.done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        data = bytes(data)
        if self._ctx is None:
            need = 16 - len(self._iv)
            self._iv += data[:need]
            data = data[need:]
            if len(self._iv) < 16:
                return
            self._ctx = _cipher("AES", self._key, self._iv).decryptor()
        out = self._ctx.update(data)
        if out:
            yield out

    def finish(self) -> Iterator[bytes]:
        self.done = True  # an unfinished AES block is padding or damage: nothing pdfium inflates
        return iter(())


class Crypt:
    """How the streams of one encrypted file are decrypted."""

    def __init__(self, method: str, key: bytes, revision: int, encrypt_metadata: bool) -> None:
        self.method = method  # "RC4", "AESV2" or "AESV3"
        self.key = key
        self.revision = revision
        self.encrypt_metadata = encrypt_metadata

    def stage(self, num: int | None, gen: int, budget: Budget) -> Decrypt | None:
        """The decrypting stage for object ``num``'s stream; None when the object is unknown (RC4 and
        AES-128 keys depend on it)."""
        if self.method == "AESV3":
            return Decrypt("AES", self.key, budget)
        if num is None:
            return None
        salt = b"sAlT" if self.method == "AESV2" else b""
        obj_key = hashlib.md5(
            self.key + (num & 0xFFFFFF).to_bytes(3, "little") + (gen & 0xFFFF).to_bytes(2, "little") + salt,
            usedforsecurity=False,
        ).digest()[: min(len(self.key) + 5, 16)]
        return Decrypt("AES" if self.method == "AESV2" else "RC4", obj_key, budget)


def standard_crypt(encrypt: dict[str, object], first_id: bytes) -> Crypt | None:
    """The file's crypt when pdfium can open it without a password; None when it cannot, or when
    the handler is not the standard one (pdfium then opens nothing, so inflates nothing)."""
    if encrypt.get("Filter") != "Standard":
        return None
    v, r = _int(encrypt.get("V"), 0), _int(encrypt.get("R"), 0)
    owner, user = _bytes(encrypt.get("O")), _bytes(encrypt.get("U"))
    method = "RC4"
    if v >= 4:
        cf = encrypt.get("CF")
        stm_f = encrypt.get("StmF")
        filt = _last(cf, str(stm_f)) if isinstance(cf, PdfDict) and isinstance(stm_f, Name) else None
        cfm = _last(filt, "CFM") if isinstance(filt, PdfDict) else None
        if stm_f == "Identity" or stm_f is None or cfm == "None":
            return None  # streams are not encrypted
        method = {"V2": "RC4", "AESV2": "AESV2", "AESV3": "AESV3"}.get(str(cfm), "RC4" if v == 4 else "AESV3")
    metadata = encrypt.get("EncryptMetadata") is not False
    if r >= 5:
        ue = _bytes(encrypt.get("UE"))
        if len(user) < 48 or len(ue) < 32:
            return None
        salt = user[40:48]
        inter = _hash_r6(b"", salt) if r >= 6 else hashlib.sha256(salt).digest()
        key = _cipher("AES", inter, bytes(16)).decryptor().update(ue[:32])
        return Crypt("AESV3", key, r, metadata)
    if method == "AESV3":
        return None  # AES-256 keys come from revisions 5 and 6 only
    length = _int(encrypt.get("Length"), 128 if v >= 4 else 40)
    length *= 8 if length <= 16 else 1  # some writers give the key length in bytes
    n = 16 if method == "AESV2" else 5 if r <= 2 else max(5, min(16, length // 8))
    h = hashlib.md5(_PAD + owner[:32] + struct.pack("<I", _int(encrypt.get("P"), 0) & 0xFFFFFFFF) + first_id,
                    usedforsecurity=False)  # fmt: skip
    if r >= 4 and not metadata:
        h.update(b"\xff\xff\xff\xff")
    key = h.digest()[:n]
    if r >= 3:
        for _ in range(50):
            key = hashlib.md5(key[:n], usedforsecurity=False).digest()[:n]
    return Crypt(method, key, r, metadata)


def _hash_r6(password: bytes, salt: bytes, udata: bytes = b"") -> bytes:
    """Algorithm 2.B (revision 6)."""
    k = hashlib.sha256(password + salt + udata).digest()
    i = 0
    while True:
        k1 = (password + k + udata) * 64
        e = _cipher("AES", k[:16], k[16:32]).encryptor().update(k1)
        k = (hashlib.sha256, hashlib.sha384, hashlib.sha512)[sum(e[:16]) % 3](e).digest()
        i += 1
        if i >= 64 and e[-1] <= i - 32:
            return k[:32]


def _last(d: object, key: str) -> object:
    values = d.get(key) if isinstance(d, dict) else None
    return values[-1] if isinstance(values, list) and values else None


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _bytes(value: object) -> bytes:
    return value if isinstance(value, bytes) else b""
