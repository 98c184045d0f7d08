"""Text normalisation that undoes common obfuscation while remembering where each character came from.

`normalize(text)` returns a `Normalized` whose `.text` is lower-case, accent-free, single-spaced text
with emoji replaced by words, homoglyphs and leetspeak undone, letter floods shortened
("sooooo" -> "soo"), spaced-out words joined ("k i l l" -> "kill") and masked or misspelt key words
restored against the lexicons ("f*ck", "muslmis", "wo men"). For every character of `.text`,
`.starts[i]`/`.ends[i]` give the half-open range of the ORIGINAL string it came from, so that a span
found on the normalised text can be shown on the words the person actually wrote (DESIGN.md: the
classifier shows why). Model features and rules both read the normalised text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from upstander.analysis import _lexicons as lex

__all__ = ["Normalized", "Token", "normalize", "tokens"]


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # index into Normalized.text
    end: int


class Normalized:
    """Normalised text plus the map back to the original; the map is built only when asked for."""

    __slots__ = ("_ends", "_flat_ends", "_flat_starts", "_pieces", "_starts", "original", "text")

    def __init__(
        self,
        original: str,
        pieces: list[tuple[str, int, int]],
        flat_starts: list[int] | None,
        flat_ends: list[int] | None,
    ) -> None:
        self.original = original
        self.text = " ".join(p[0] for p in pieces)
        self._pieces = pieces
        self._flat_starts = flat_starts  # None: the flat text maps one-to-one onto the original
        self._flat_ends = flat_ends
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None

    def _orig(self, flat_index: int, end: bool) -> int:
        if self._flat_starts is None or self._flat_ends is None:
            return flat_index + 1 if end else flat_index
        return self._flat_ends[flat_index] if end else self._flat_starts[flat_index]

    def _build(self) -> tuple[list[int], list[int]]:
        if self._starts is None or self._ends is None:
            starts: list[int] = []
            ends: list[int] = []
            for k, (word, s, e) in enumerate(self._pieces):
                if k:
                    starts.append(self._orig(s, False))
                    ends.append(starts[-1])
                if len(word) == e - s:
                    for j in range(len(word)):
                        starts.append(self._orig(s + j, False))
                        ends.append(self._orig(s + j, True))
                else:
                    a, b = self._orig(s, False), self._orig(e - 1, True)
                    starts.extend([a] * len(word))
                    ends.extend([b] * len(word))
            self._starts, self._ends = starts, ends
        return self._starts, self._ends

    @property
    def starts(self) -> list[int]:
        return self._build()[0]

    @property
    def ends(self) -> list[int]:
        return self._build()[1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original-text offsets for normalised offsets [start, end)."""
        starts, ends = self._build()
        end = min(end, len(starts))
        if end <= start:
            return (0, 0)
        s = starts[start]
        e = ends[end - 1]
        # Trim whitespace that a joined token may have swallowed at its edges.
        while s < e and self.original[s].isspace():
            s += 1
        while e > s and self.original[e - 1].isspace():
            e -= 1
        return (s, e)


# Look-alike letters (Cyrillic, Greek, ...) and typographic punctuation, written as escapes.
_HOMOGLYPHS = {
    "\u0430": "a",
    "\u0432": "b",
    "\u0435": "e",
    "\u043a": "k",
    "\u043c": "m",
    "\u043d": "h",
    "\u043e": "o",
    "\u0440": "p",
    "\u0441": "c",
    "\u0442": "t",
    "\u0443": "y",
    "\u0445": "x",
    "\u0455": "s",
    "\u0456": "i",
    "\u0458": "j",
    "\u0501": "d",
    "\u0261": "g",
    "\u0578": "n",
    "\u03b1": "a",
    "\u03b2": "b",
    "\u03b5": "e",
    "\u03b9": "i",
    "\u03ba": "k",
    "\u03bd": "v",
    "\u03bf": "o",
    "\u03c1": "p",
    "\u03c4": "t",
    "\u03c5": "u",
    "\u03c7": "x",
    "\xf8": "o",
    "\xdf": "ss",
    "\xe6": "ae",
    "\u0153": "oe",
    "\u0142": "l",
    "\u0111": "d",
    "\xf0": "d",
    "\u2018": "'",
    "\u2019": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\xab": '"',
    "\xbb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2010": "-",
    "\u2026": "...",
    "\xa0": " ",
}

_LEET = {
    "0": "o",
    "1": "i",
    "3": "e",
    "4": "a",
    "5": "s",
    "7": "t",
    "8": "b",
    "9": "g",
    "@": "a",
    "$": "s",
    "!": "i",
    "|": "i",
    "+": "t",
    "€": "e",
    "£": "l",
}
_LEET_CHARS = frozenset(_LEET)
_MASK_CHARS = frozenset("*#_.-")

# Modifiers that carry no meaning for us: skin tones, variation selectors, zero-width joiners.
_DROP = frozenset(
    [chr(c) for c in range(0x1F3FB, 0x1F400)] + ["\ufe0f", "\ufe0e", "\u200d", "\u200b", "\u200c", "\u2060"]
)


def _char_form(ch: str) -> str:
    """Lower-case, accent-free, homoglyph-free form of one character (may be '' or several chars)."""
    if ch in _HOMOGLYPHS:
        return _HOMOGLYPHS[ch]
    if ch.isascii():
        return ch.lower()
    low = ch.lower()
    if low in _HOMOGLYPHS:
        return _HOMOGLYPHS[low]
    decomposed = unicodedata.normalize("NFKD", low)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = out.lower()
    if out and all(c.isascii() for c in out):
        return out
    return low


_DARK_TONES = frozenset(["\U0001f3fe", "\U0001f3ff"])
_EMOJI_KEYS = sorted(lex.EMOJI, key=len, reverse=True)
_EMOJI_FIRST = {k[0] for k in _EMOJI_KEYS}


def _first_pass(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """Character mapping and emoji replacement; returns the flat text and its original ranges.

    Plain ASCII text maps one-to-one (ranges None), which is the common, fast case.
    """
    if text.isascii():
        return text.lower(), None, None
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _EMOJI_FIRST:
            matched = ""
            for key in _EMOJI_KEYS:
                if text.startswith(key, i):
                    matched = key
                    break
            if matched:
                j = i + len(matched)
                while j < n and text[j] in _DROP:
                    j += 1
                word = " " + lex.EMOJI[matched] + " "
                if any(c in _DARK_TONES for c in text[i + len(matched) : j]):
                    word = " black" + word
                for c in word:
                    chars.append(c)
                    starts.append(i)
                    ends.append(j)
                i = j
                continue
        if ch in _DROP:
            i += 1
            continue
        if ch.isspace():
            form = " "
        elif ord(ch) < 128:
            form = ch.lower()
        else:
            form = _char_form(ch)
            if form and not form.isascii() and unicodedata.category(form[0]).startswith("S"):
                # An unmapped symbol or emoji: keep it as its own token so char n-grams still see it.
                form = " " + form + " "
        for c in form:
            chars.append(c)
            starts.append(i)
            ends.append(i + 1)
        i += 1
    return "".join(chars), starts, ends


_TOKEN_RE = re.compile(r"\S+")
_WORDCHAR_RE = re.compile(r"[a-z0-9'@$!|+*#€£]")


def _deleet(word: str) -> str:
    """Undo leetspeak inside a word that mixes letters with digits or symbols ("h8", "k1ll", "@ss")."""
    if not any(c in _LEET_CHARS for c in word):
        return word
    core = word.strip("!?.,;:'\"()")
    if not core or core.isdigit() or not any(c.isalpha() for c in core):
        return word
    if core in lex.LEET_WORDS:
        return word.replace(core, lex.LEET_WORDS[core])
    # Keep trailing punctuation ("kill you!") by only mapping characters before the last letter.
    last_alpha = max(i for i, c in enumerate(word) if c.isalpha() or c in "013457@$")
    out = [(_LEET.get(c, c) if i <= last_alpha else c) for i, c in enumerate(word)]
    return "".join(out)


def _squeeze(word: str) -> str:
    """Shorten floods of one letter to two: "hateeeee" -> "hatee", "looool" -> "lool"."""
    return re.sub(r"([a-z])\1{2,}", r"\1\1", word)


_SPLIT_PUNCT_RE = re.compile(r"[a-z0-9']+|[^a-z0-9'\s]+")


def _join_spaced(tokens_: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Join runs of single letters ("k i l l", "f.u.c.k" was split earlier) into one word."""
    out: list[tuple[str, int, int]] = []
    i = 0
    n = len(tokens_)
    while i < n:
        j = i
        while j < n and len(tokens_[j][0]) == 1 and tokens_[j][0].isalpha():
            j += 1
        word = "".join(t[0] for t in tokens_[i:j])
        if j - i >= 3 and (lex.is_known(word) or _repair(word)):
            out.append((word, tokens_[i][1], tokens_[j - 1][2]))
            i = j
            continue
        if i + 1 < n and _joins(tokens_[i][0], tokens_[i + 1][0]):
            out.append((tokens_[i][0] + tokens_[i + 1][0], tokens_[i][1], tokens_[i + 1][2]))
            i += 2
        else:
            out.append(tokens_[i])
            i += 1
    return out


def _joins(a: str, b: str) -> bool:
    """Whether two neighbouring words are one key word split by a stray space ("wo men", "mus lims")."""
    joined = a + b
    if len(joined) < 5 or joined not in lex.KEY_WORDS or not (a.isalpha() and b.isalpha()):
        return False
    return min(len(a), len(b)) <= 2 or not lex.is_known(a) or not lex.is_known(b)


_REPAIR_CACHE: dict[str, str] = {}


def _repair(word: str) -> str:
    """Restore a key lexicon word from a masked, misspelt or run-together form; '' if none found."""
    cached = _REPAIR_CACHE.get(word)
    if cached is None:
        if len(_REPAIR_CACHE) > 100_000:
            _REPAIR_CACHE.clear()
        cached = _REPAIR_CACHE[word] = _repair_uncached(word)
    return cached


def _repair_uncached(word: str) -> str:
    if word in lex.SHORTHAND:
        return lex.SHORTHAND[word]
    if len(word) < 4 or lex.is_known(word):
        return ""
    if "*" in word or "#" in word:
        return lex.unmask(word)
    fixed = lex.fuzzy_key_word(word)
    if fixed:
        return fixed
    return lex.segment(word)


_FLOOD_RE = re.compile(r"([a-z])\1\1")
_SPACED_RE = re.compile(r"(?:^|\s)[a-z] [a-z] [a-z](?:\s|$)")
_DOTTED_RE = re.compile(r"(?:[a-z0-9@$][.\-_*]){2,}[a-z0-9@$][.!?]?")


def normalize(text: str) -> Normalized:
    flat, starts, ends = _first_pass(text)
    has_flood = _FLOOD_RE.search(flat) is not None
    # Split on whitespace, then undo per-word obfuscation.
    pieces: list[tuple[str, int, int]] = []
    for m in _TOKEN_RE.finditer(flat):
        raw = m.group()
        s0 = m.start()
        if raw.isalpha():
            pieces.append((_squeeze(raw) if has_flood else raw, s0, m.end()))
            continue
        # Dotted or dashed spelling ("f.u.c.k", "k-i-l-l"): letters separated by single punctuation.
        if len(raw) >= 5 and _DOTTED_RE.fullmatch(raw):
            letters = [(c, s0 + k, s0 + k + 1) for k, c in enumerate(raw) if c not in ".-_*!?"]
            pieces.extend((_LEET.get(c, c), s, e) for c, s, e in letters)
            continue
        word = _deleet(raw)
        if len(word) != len(raw):
            # A whole-word leet form ("h8" -> "hate"): map it as one block onto the original word.
            pieces.append((word, s0, s0 + len(raw)))
            continue
        for sm in _SPLIT_PUNCT_RE.finditer(word):
            piece = sm.group()
            pieces.append((_squeeze(piece) if has_flood else piece, s0 + sm.start(), s0 + sm.end()))
    if "*" in flat or "#" in flat:
        pieces = _merge_masks(pieces)
    if _SPACED_RE.search(flat) or any(len(p[0]) <= 3 for p in pieces):
        pieces = _join_spaced(pieces)
    repaired: list[tuple[str, int, int]] = []
    for word, s, e in pieces:
        fix = _repair(word) if word[0].isalpha() or word[0] in "*#" else ""
        if fix:
            for part in fix.split(" "):
                repaired.append((part, s, e))
        else:
            repaired.append((word, s, e))
    return Normalized(text, repaired, starts, ends)


def _merge_masks(pieces: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Re-attach masks that the punctuation split separated from their letters ("f**k", "n#gger")."""
    merged: list[tuple[str, int, int]] = []
    for p in pieces:
        if (
            merged
            and merged[-1][2] == p[1]
            and (set(p[0]) <= {"*", "#"} or set(merged[-1][0]) <= {"*", "#"} or merged[-1][0][-1] in "*#")
        ):
            prev = merged[-1]
            merged[-1] = (prev[0] + p[0], prev[1], p[2])
        else:
            merged.append(p)
    return merged


_WORD_RE = re.compile(r"[a-z0-9']+|[^\sa-z0-9']")


def tokens(norm: Normalized) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(norm.text)]
