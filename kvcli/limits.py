"""Resource limits for untrusted input. Every limit is named in the error it raises."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_size: int = 200 * 1024 * 1024  # bytes on disk
    max_text_bytes: int = 32 * 1024 * 1024  # a text report is well under 1 MB; 32 MB is not a report
    max_line_chars: int = 1_000_000  # one text line; longer lines are split, with a warning
    max_unzipped_size: int = 300 * 1024 * 1024  # total uncompressed size of a .docx
    max_compression_ratio: int = 200  # per zip member; XML compresses ~10-20x, bombs ~1000x
    max_zip_members: int = 10_000
    max_pages: int = 2_000
    max_stream_size: int = 256 * 1024 * 1024  # one inflated PDF stream
    max_inflated_total: int = 1024 * 1024 * 1024  # all inflated PDF streams together
    # A whole report has under 5 000 table cells and a few hundred key figures.
    max_table_cells: int = 200_000  # one table, counted padded (rows × widest row)
    max_document_cells: int = 500_000  # all tables of one file
    max_figures: int = 200_000  # key figures of one document
    max_page_chars: int = 200_000  # characters drawn on one PDF page; a dense A4 page has under 10 000
    # What one batch worker process may allocate (RLIMIT_DATA; RLIMIT_AS at twice this): the cap on
    # anything the pre-scans cannot see, such as pdfium's own buffers.
    max_worker_memory: int = 2 * 1024 * 1024 * 1024


DEFAULT_LIMITS = Limits()
