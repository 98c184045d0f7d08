"""Explainable rule signals computed from normalised text.

`signals(norm)` returns a `Signals`: a fixed-order vector of named 0/1 values (the second stage of
the classifier weighs them with the n-gram model's score) and, for each signal, the normalised
character spans of the words that set it, so a flag can always show its triggering words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from upstander.analysis import _lexicons as lex
from upstander.analysis.normalize import Normalized, Token, tokens
from upstander.analysis.pii import PiiItem, find_pii

__all__ = ["SIGNAL_NAMES", "Signals", "signals"]

STRANDS = lex.STRANDS
BEHAVIOUR_PATTERN_LABELS = tuple(lex.BEHAVIOUR_PATTERNS)

SIGNAL_NAMES: tuple[str, ...] = (
    "identity_any",
    "identity_only",
    *(f"identity_{s}" for s in STRANDS),
    *(f"slur_{s}" for s in STRANDS),
    "weak_slur",
    "dehumanising",
    "negative",
    "hostile",
    "derog_target",
    "slur_target",
    "exclude_group",
    "eliminate",
    "eliminate_target",
    "person_threat",
    "violent_idiom",
    "self_harm",
    "tell_self_harm",
    "reported_threat",
    "threat_to_expose",
    "reported_self_harm",
    "reported_tell_self_harm",
    "counter",
    "quote",
    "negation",
    "negated_derog",
    "negated_positive",
    "derog_clean",
    "homonym",
    "self_identity",
    "reclaimed",
    "positive",
    "positive_target",
    "object_target",
    "nonprotected",
    "nonprotected_derog",
    "profanity",
    "insult_word",
    "second_person",
    "insult_you",
    "insult_statement",
    "no_target",
    "question",
    "opinion",
    "third_person",
    *(f"pat_{b}" for b in BEHAVIOUR_PATTERN_LABELS),
    "pii_contact",
    "pii_location",
    "pii_school_name",
    "pii_about_other",
)
INDEX = {name: i for i, name in enumerate(SIGNAL_NAMES)}


@dataclass
class Signals:
    values: np.ndarray
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    pii: list[PiiItem] = field(default_factory=list)
    targets: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # What the phrase rules need from the word-level pass (see `deepen`).
    has_target: bool = False
    has_identity: bool = False
    target_ends: list[int] = field(default_factory=list)
    deep: bool = False

    def on(self, name: str) -> bool:
        return bool(self.values[INDEX[name]])


def _phrase_index() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}

    def add(words: list[str] | frozenset[str], kind: str, strand: str = "") -> None:
        for phrase in words:
            parts = tuple(re.findall(r"[a-z0-9']+|[^\sa-z0-9']", phrase))
            if parts:
                index.setdefault(parts[0], []).append((parts, kind, strand))

    for strand, words in lex.IDENTITY.items():
        add(words, "identity", strand)
    for strand, words in lex.SLURS.items():
        add([w for w in words if w not in lex.WEAK_SLURS], "slur", strand)
        add([w for w in words if w in lex.WEAK_SLURS], "weak_slur", strand)
    add(lex.DEHUMANISING, "dehumanising")
    add(lex.NEGATIVE, "negative")
    add(lex.HOSTILE, "hostile")
    add(lex.PROFANITY, "profanity")
    add(lex.INSULTS, "insult_word")
    add(lex.POSITIVE, "positive")
    add(lex.OBJECTS, "object")
    add(lex.NON_PROTECTED_GROUPS, "nonprotected")
    for first in index:
        index[first].sort(key=lambda item: -len(item[0]))
    return index


_INDEX = _phrase_index()
_SECOND = frozenset(["you", "your", "yours", "you're", "youre", "yourself", "ya", "yer", "u", "ur", "thee"])
_THIRD = frozenset(["she", "he", "her", "him", "his", "hers", "she's", "he's"])
_GROUP_PRONOUNS = frozenset(["they", "them", "their", "they're", "theyre", "those", "these", "theirs", "themselves"])
# "X is a creep", "you're such a loser", "what a muppet": a name-calling statement.
_INSULT_STATEMENT_RE = re.compile(
    r"\b(?:is|are|was|were|you're|youre|you are|ur|you|he's|she's|hes|shes|they're|what|such|proper|total|"
    r"absolute|complete|massive|fucking|bloody)(?: (?:such|a|an|so|the|a total|an absolute|a complete|a massive|"
    r"a proper|a fucking|proper|total|absolute|complete|massive|fucking|bloody|utter|real|right|little|big|fat|"
    r"ugly|stupid|dumb|pathetic|sad|dirty|lying|two-faced))* (?:\w+)(?: and (?:a |an )?\w+)?\b"
)
_SHARE_WORDS = frozenset(
    "leaked leak leaking doxx doxxed doxed dox spam spamming flood call ring text message everyone everybody "
    "loser slag address number details exposed expose".split()
)
_OPINION_RE = re.compile(
    r"\b(?:i think|i believe|i feel|i reckon|in my opinion|imo|imho|honestly|personally|let's be honest|"
    r"i'm just saying|im just saying|just saying|the truth is|face it|facts|i'm sure|i am sure|i know that|"
    r"it's a fact|it is a fact|everyone knows|we all know)\b"
)
_QUESTION_START = frozenset(
    [
        "why",
        "are",
        "is",
        "do",
        "does",
        "did",
        "how",
        "what",
        "who",
        "can",
        "should",
        "would",
        "isn't",
        "aren't",
        "don't",
        "doesn't",
        "am",
        "was",
        "were",
        "will",
    ]
)
# A negation just before a phrase ("would never kill himself").
_NEGATED_BEFORE_RE = re.compile(r"(?:\bnever|\bnot|n't|\bno way)(?: \w+)? ?$")
_DENOUNCED_AFTER_RE = re.compile(
    r"\W{0,3}(?:is|was|are|isn't|wasn't|aren't|'s)(?: never| not| so| really| just)? (?:ok|okay|acceptable|funny|"
    r"a joke|banter|wrong|bullying|abuse|cruel|harmful|allowed|fine|unacceptable)\b"
)
_SENTENCE_END = frozenset([".", "!", "?", ";", "\n"])


@dataclass
class _Hit:
    kind: str
    strand: str
    start: int  # normalised char offsets
    end: int
    tok: int  # token index


def _lexicon_hits(toks: list[Token]) -> list[_Hit]:
    hits: list[_Hit] = []
    words = [t.text for t in toks]
    n = len(words)
    i = 0
    while i < n:
        cands = _INDEX.get(words[i])
        matched_len = 0
        if cands:
            for parts, kind, strand in cands:
                k = len(parts)
                if matched_len and k < matched_len:
                    break
                if tuple(words[i : i + k]) == parts:
                    hits.append(_Hit(kind, strand, toks[i].start, toks[i + k - 1].end, i))
                    matched_len = k
        i += 1
    return hits


def _sentence_ids(toks: list[Token]) -> list[int]:
    ids: list[int] = []
    sid = 0
    for t in toks:
        ids.append(sid)
        if t.text in _SENTENCE_END or t.text == "but":
            sid += 1
    return ids


def _regex_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]


def _strip_spans(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        while s < e and not text[s].isalnum():
            s += 1
        while e > s and not text[e - 1].isalnum():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def signals(norm: Normalized, toks: list[Token] | None = None, deep: bool = True) -> Signals:
    """Rule signals for one normalised text. `deep=False` skips the phrase regexes (cheap path)."""
    if toks is None:
        toks = tokens(norm)
    text = norm.text
    v = np.zeros(len(SIGNAL_NAMES), dtype=np.float32)
    spans: dict[str, list[tuple[int, int]]] = {}
    targets: dict[str, list[tuple[int, int]]] = {}

    def set_(name: str, where: list[tuple[int, int]] | None = None) -> None:
        v[INDEX[name]] = 1.0
        if where:
            spans.setdefault(name, []).extend(where)

    hits = _lexicon_hits(toks)
    if lex.HOMONYM_RE.search(text):
        # A slur word used in its everyday sense ("going out for a fag") is not a slur here.
        homonyms = _regex_spans(lex.HOMONYM_RE, text)
        set_("homonym", homonyms)
        hits = [h for h in hits if h.kind not in ("slur", "weak_slur") or not _overlaps((h.start, h.end), homonyms)]
    sent = _sentence_ids(toks)
    words = [t.text for t in toks]
    word_set = set(words)

    objects = [h for h in hits if h.kind == "object"]
    identity = [h for h in hits if h.kind == "identity"]
    slurs = [h for h in hits if h.kind == "slur"]
    weak = [h for h in hits if h.kind == "weak_slur"]
    derog = [h for h in hits if h.kind in ("dehumanising", "negative", "hostile")]
    for h in identity:
        set_("identity_any", [(h.start, h.end)])
        set_(f"identity_{h.strand}", [(h.start, h.end)])
        targets.setdefault(h.strand, []).append((h.start, h.end))
    for h in slurs:
        set_(f"slur_{h.strand}", [(h.start, h.end)])
        targets.setdefault(h.strand, []).append((h.start, h.end))
    for h in weak:
        set_("weak_slur", [(h.start, h.end)])
    for kind in ("dehumanising", "negative", "hostile", "profanity", "insult_word", "positive", "nonprotected"):
        found = [(h.start, h.end) for h in hits if h.kind == kind]
        if found:
            set_(kind, found)

    group_pronoun_sents = {sent[i] for i, w in enumerate(words) if w in _GROUP_PRONOUNS}
    identity_sents = {sent[h.tok] for h in identity}
    you_idx = [i for i, w in enumerate(words) if w in _SECOND]
    if you_idx:
        set_("second_person", [(toks[i].start, toks[i].end) for i in you_idx])
    if word_set & _THIRD:
        set_("third_person")
    if words and (words[-1] == "?" or words[0] in _QUESTION_START):
        set_("question")

    if identity and derog:
        near = [
            h
            for h in derog
            if sent[h.tok] in identity_sents
            or (sent[h.tok] in group_pronoun_sents)
            or any(abs(h.tok - t.tok) <= 6 for t in identity)
        ]
        if near:
            set_("derog_target", [(h.start, h.end) for h in near])
    if slurs:
        set_("slur_target", [(h.start, h.end) for h in slurs])
    harmful_kinds = {"dehumanising", "negative", "hostile", "insult_word", "profanity", "slur", "weak_slur"}
    if identity and not any(h.kind in harmful_kinds for h in hits):
        set_("identity_only")
    positive = [h for h in hits if h.kind == "positive"]
    if identity and positive and not derog:
        set_("positive_target", [(h.start, h.end) for h in positive])
    nonprot = [h for h in hits if h.kind == "nonprotected"]
    if nonprot and (derog or any(h.kind == "insult_word" for h in hits)):
        set_("nonprotected_derog", [(h.start, h.end) for h in nonprot])
    insults = [h for h in hits if h.kind == "insult_word"]
    if insults and you_idx:
        set_("insult_you", [(h.start, h.end) for h in insults])
    if insults:
        stated = [(m.start(), m.end()) for m in _INSULT_STATEMENT_RE.finditer(text)]
        said = [(h.start, h.end) for h in insults if _overlaps_any((h.start, h.end), stated)]
        if said:
            set_("insult_statement", said)
    if not identity and not slurs and not weak:
        set_("no_target")
    if (
        objects
        and (insults or derog or any(h.kind == "profanity" for h in hits))
        and not identity
        and not slurs
        and not you_idx
    ):
        set_("object_target", [(h.start, h.end) for h in objects])

    pii = find_pii(norm.original)
    kinds = {p.type for p in pii}
    if kinds & {"phone", "email"}:
        set_("pii_contact")
    if kinds & {"address", "postcode", "lives_at"}:
        set_("pii_location")
    if "school" in kinds and "full_name" in kinds:
        set_("pii_school_name")
    if pii and (word_set & (_THIRD | _GROUP_PRONOUNS | _SHARE_WORDS) or kinds & {"full_name", "lives_at"}):
        set_("pii_about_other")

    sig = Signals(
        values=v,
        spans=spans,
        pii=pii,
        targets=targets,
        has_target=bool(identity or slurs),
        has_identity=bool(identity),
        target_ends=[h.end for h in identity] + [h.end for h in slurs],
    )
    if deep:
        deepen(sig, norm)
    return sig


def deepen(sig: Signals, norm: Normalized) -> Signals:
    """Add the phrase-rule signals (threats, counter-speech, negation ...) to word-level signals."""
    if sig.deep:
        return sig
    sig.deep = True
    v, spans = sig.values, sig.spans

    def set_(name: str, where: list[tuple[int, int]] | None = None) -> None:
        v[INDEX[name]] = 1.0
        if where:
            spans.setdefault(name, []).extend(where)

    _deep_signals(norm.text, set_, sig.has_target, sig.has_identity, v, spans, sig.target_ends)
    return sig


def _overlaps_any(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _deep_signals(
    text: str,
    set_: object,
    has_target: bool,
    has_identity: bool,
    values: np.ndarray,
    spans: dict[str, list[tuple[int, int]]],
    identity_ends: list[int],
) -> None:
    assert callable(set_)

    def _any_set(names: tuple[str, ...]) -> bool:
        return any(values[INDEX[n]] for n in names)

    def _get_spans(name: str) -> list[tuple[int, int]]:
        return spans.get(name, []) if values[INDEX[name]] else []

    memo: dict[str, list[tuple[int, int]]] = {}

    def run(name: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        if name not in memo:
            memo[name] = _regex_spans(pattern, text)
        return memo[name]

    counter = run("counter", lex.COUNTER_RE)
    if counter and identity_ends:
        # "gay men are vile" is derogation, not a denouncement: a judgement whose subject is the group
        # itself ("<group> are ...") does not count as counter-speech.
        counter = [c for c in counter if not any(0 <= c[0] - e <= 1 for e in identity_ends)]
    idioms = run("violent_idiom", lex.VIOLENT_IDIOM_RE) + _regex_spans(lex.REPORTED_IDIOM_RE, text)
    memo["violent_idiom"] = idioms
    for name, pattern in (
        ("exclude_group", lex.EXCLUDE_GROUP_RE),
        ("eliminate", lex.ELIMINATE_RE),
        ("person_threat", lex.PERSON_THREAT_RE),
        ("violent_idiom", lex.VIOLENT_IDIOM_RE),
        ("self_harm", lex.SELF_HARM_RE),
        ("tell_self_harm", lex.TELL_SELF_HARM_RE),
        ("reported_threat", lex.REPORTED_THREAT_RE),
        ("threat_to_expose", lex.THREAT_TO_EXPOSE_RE),
        ("reported_self_harm", lex.REPORTED_SELF_HARM_RE),
        ("reported_tell_self_harm", lex.REPORTED_TELL_SELF_HARM_RE),
        ("counter", lex.COUNTER_RE),
        ("negation", lex.NEGATION_RE),
        ("self_identity", lex.SELF_IDENTITY_RE),
        ("reclaimed", lex.RECLAIMED_RE),
    ):
        found = _strip_spans(counter if name == "counter" else run(name, pattern), text)
        if name in ("person_threat", "reported_threat"):
            # "we'll smash them in the final", "my mum said she'd kill me if I'm late": idioms, not threats.
            found = [f for f in found if not _overlaps(f, idioms)]
        if name == "reported_threat":
            # "said she wants to end her life" is self-harm, not a threat to her.
            found = [f for f in found if not _overlaps(f, run("reported_self_harm", lex.REPORTED_SELF_HARM_RE))]
        if name == "tell_self_harm":
            # "saying 'kill yourself' is never OK": quoted and then denounced, it tells no one anything
            # (a bare quote, "he told me 'kill yourself'", still counts).
            quoted = [
                (m.start(), m.end()) for m in lex.QUOTE_RE.finditer(text) if _DENOUNCED_AFTER_RE.match(text, m.end())
            ]
            found = [f for f in found if not _overlaps(f, quoted)]
        if name == "tell_self_harm":
            # "my friend says she wants to kill herself" reports intent, it does not tell anyone to do it;
            # "he'd never kill himself" tells no one anything.
            reported = run("reported_self_harm", lex.REPORTED_SELF_HARM_RE)
            found = [
                f
                for f in found
                if not _overlaps(f, reported)
                and not (
                    text[f[0] : f[1]].endswith(("herself", "himself", "themselves"))
                    and _NEGATED_BEFORE_RE.search(text, max(0, f[0] - 24), f[0])
                )
            ]
        if name in ("exclude_group", "eliminate"):
            # "racism has no place here" is counter-speech, not exclusion: the counter phrase wins.
            found = [f for f in found if not _overlaps(f, counter)]
        if found:
            set_(name, found)
    if has_target:
        el = [
            f
            for f in _strip_spans(run("eliminate", lex.ELIMINATE_RE), text)
            + _strip_spans(run("exclude_group", lex.EXCLUDE_GROUP_RE), text)
            if not _overlaps(f, counter)
        ]
        if el:
            set_("eliminate_target", el)
            values[INDEX["identity_only"]] = 0.0
            values[INDEX["positive_target"]] = 0.0
    quotes = [(m.start(), m.end()) for m in lex.QUOTE_RE.finditer(text)]
    if quotes:
        set_("quote", quotes)
    neg = run("negation", lex.NEGATION_RE)
    if neg and has_identity:
        set_("negated_derog", neg)
    negpos = _regex_spans(lex.NEGATED_POSITIVE_RE, text)
    if negpos and has_identity and not neg:
        set_("negated_positive", negpos)
        # "not welcome" is not praise: the positive word does not count.
        values[INDEX["positive_target"]] = 0.0
        values[INDEX["identity_only"]] = 0.0
    if has_target and not _any_set(("counter", "negated_derog", "reclaimed", "quote")):
        clean = [
            sp
            for name in ("derog_target", "slur_target", "eliminate_target", "negated_positive")
            for sp in _get_spans(name)
        ]
        if clean:
            set_("derog_clean", clean)
    op = _regex_spans(_OPINION_RE, text)
    if op:
        set_("opinion", op)
    for label, patterns in lex.BEHAVIOUR_PATTERNS.items():
        found = []
        for p in patterns:
            found += _regex_spans(_compiled(p), text)
        if found:
            set_(f"pat_{label}", _strip_spans(found, text))


_COMPILED: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    c = _COMPILED.get(pattern)
    if c is None:
        c = re.compile(r"\b" + pattern + r"(?![a-z])")
        _COMPILED[pattern] = c
    return c
