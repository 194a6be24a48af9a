"""A dataset forged to collide with the packaged plan under a weak cache key.

seoulplan 0.1.0 keyed its cache by length + CRC-32 + Adler-32. Both checksums are linear
enough to forge: this module changes a figure of the plan (a KPI target, 4,800 → 5,700)
and then flips bits in the comment at the top of the file until the length, the CRC-32
and the Adler-32 are all the packaged plan's again.

- Adler-32 sums the bytes (A) and weighs each by its distance from the end (B). Raising
  one byte by 1 and lowering the next by 1 changes A by 0 and B by 1; the figure's edit
  (+1, −1 on adjacent digits) is cancelled by the opposite edit in the comment.
- CRC-32 is linear over GF(2): flipping bit b of an even byte is +2^b, of an odd byte
  −2^b. Two adjacent bytes whose bit b reads (0, 1), together with two others reading
  (1, 0), flip to +2^b −2^b −2^b +2^b: Adler-32 is unchanged. Each such quadruple moves
  the CRC by a known vector; Gaussian elimination picks the ones that restore it.
"""

from __future__ import annotations

import zlib

FIGURE = b"target: {year: 2020, value: 4800}"


def forged_plan(original: bytes) -> bytes:
    """The packaged plan with the fund's target 5,700 instead of 4,800, and the same
    length, CRC-32 and Adler-32."""
    evil = bytearray(original)
    digits = original.index(FIGURE) + len(FIGURE) - len(b"4800}")
    evil[digits] += 1  # 4 -> 5
    evil[digits + 1] -= 1  # 8 -> 7
    free = _comment_letters(original)
    for c in free:  # the opposite edit in the comment: -1 then +1
        if c + 1 in free and chr(evil[c] - 1).isalnum() and chr(evil[c + 1] + 1).isalnum():
            evil[c] -= 1
            evil[c + 1] += 1
            free -= {c, c + 1}
            break
    assert zlib.adler32(bytes(evil)) == zlib.adler32(original)
    forged = _restore_crc(original, evil, sorted(free))
    assert (len(forged), zlib.crc32(forged), zlib.adler32(forged)) == (
        len(original),
        zlib.crc32(original),
        zlib.adler32(original),
    )
    return forged


def _comment_letters(text: bytes) -> set[int]:
    """Positions of ASCII letters and digits in the comment lines at the top of the file."""
    free, position = set(), 0
    for line in text.split(b"\n"):
        if line.startswith(b"#"):
            free |= {position + k for k in range(2, len(line)) if chr(line[k]).isascii() and chr(line[k]).isalnum()}
        position += len(line) + 1
    return free


def _crc_vector(length: int, position: int, bit: int) -> int:
    zeros = bytearray(length)
    base = zlib.crc32(bytes(zeros))
    zeros[position] ^= 1 << bit
    return zlib.crc32(bytes(zeros)) ^ base


def _restore_crc(original: bytes, evil: bytearray, free: list[int]) -> bytes:
    target = zlib.crc32(bytes(evil)) ^ zlib.crc32(original)
    free_set = set(free)
    moves = []  # (crc vector, [(position, bit)])
    for bit in range(3):
        ups, downs, used = [], [], set()
        for p in free:
            if p + 1 not in free_set or used & {p, p + 1}:
                continue
            pattern = ((evil[p] >> bit) & 1, (evil[p + 1] >> bit) & 1)
            if pattern in ((0, 1), (1, 0)):
                (ups if pattern == (0, 1) else downs).append(p)
                used |= {p, p + 1}
        for up, down in zip(ups, downs):
            flips = [(up, bit), (up + 1, bit), (down, bit), (down + 1, bit)]
            vector = 0
            for position, b in flips:
                vector ^= _crc_vector(len(evil), position, b)
            moves.append((vector, flips))
    basis: dict[int, tuple[int, set[int]]] = {}
    for index, (vector, _) in enumerate(moves):
        chosen = {index}
        for pivot in sorted(basis, reverse=True):
            if vector >> pivot & 1:
                vector ^= basis[pivot][0]
                chosen ^= basis[pivot][1]
        if vector:
            basis[vector.bit_length() - 1] = (vector, chosen)
    chosen = set()
    for pivot in sorted(basis, reverse=True):
        if target >> pivot & 1:
            target ^= basis[pivot][0]
            chosen ^= basis[pivot][1]
    if target:
        raise ValueError(f"the comment offers too few bits to forge with (rank {len(basis)})")
    out = bytearray(evil)
    for index in chosen:
        for position, bit in moves[index][1]:
            out[position] ^= 1 << bit
    return bytes(out)
