"""Signed checkpoints of the audit trail and the evidence custody trails (`upstander.checkpointlog`).

Chains are named by id: `audit` for the installation's audit chain (with every row from before
the audit trail was split), `audit:org:<id>` for each organisation's audit chain, `custody:<item
id>` for each evidence item's custody trail. Each kind of chain is a *source* registered here (the
audit chains below, custody in `upstander.evidence.checkpoints`): the file format, signing and
checking are the same for all.

Settings (upstander/config/settings.py, from the environment):
    CHECKPOINT_FILE              the append-only log (default <UPSTANDER_VAR_DIR>/checkpoints.jsonl)
    CHECKPOINT_KEY (or _FILE)    base64 of a 32-byte Ed25519 private key; when unset a key is made
                                 once in <UPSTANDER_VAR_DIR>/checkpoint.key (owner-only)
    CHECKPOINT_EVERY_ROWS        write checkpoints each time an audit chain reaches a multiple of N rows (default 100; 0: never)
    CHECKPOINT_INTERVAL_MINUTES  the task worker writes checkpoints this often (default 60)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Max

from upstander import checkpointlog
from upstander.audit.models import AuditEvent, AuditHead, chain_for
from upstander.checkpointlog import Checkpoint, CheckpointKeyError, LogReading
from upstander.config.env import generated_secret
from upstander.hashchain import GENESIS, link_hash

logger = logging.getLogger(__name__)

AUDIT_CHAIN = "audit"
KEY_FILE_NAME = "checkpoint.key"
LOG_FILE_NAME = "checkpoints.jsonl"
PUBLIC_KEYS_FILE_NAME = "checkpoints-public-keys.pem"

# What `verify` says about its own reach, printed by both verify commands.
LIMITS = (
    "What this check can and cannot detect: against the signed checkpoints it finds rows deleted from the end, "
    "a rewound head, and a row changed even when every later hash was recomputed, up to the newest checkpoint "
    "of each trail. Rows added or changed AFTER the newest checkpoint are checked only by the chain itself, "
    "which someone who can write the database can recompute. Checkpoints cut from the end of the checkpoint "
    "file, or forged by someone who holds the checkpoint key, are not detected here: compare with a copy kept "
    "elsewhere (an export bundle, a backup, the emailed checkpoint) with --checkpoints FILE --public-key FILE."
)


@dataclass(frozen=True)
class Row:
    seq: int
    prev_hash: str
    row_hash: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class ChainSource:
    """How to read one kind of chain. `prefix` is the chain id, or the part before ':'."""

    prefix: str
    # Every chain of this kind: id -> (number of rows, newest row's hash), as the heads say.
    heads: Callable[[], dict[str, tuple[int, str]]]
    # Rows `first`..`last` (inclusive) of one chain, ordered by seq.
    rows: Callable[[str, int, int], Iterable[Row]]
    # For checking: {seq: row hash} of the given seqs that exist, and the chain's highest seq (0:
    # no rows; None: the thing the chain belongs to is gone).
    stored: Callable[[str, Collection[int]], tuple[dict[int, str], int | None]]
    # The hash a chain's first row links to (GENESIS unless the chain records its own start).
    genesis: Callable[[str], str] = lambda chain: GENESIS


_SOURCES: dict[str, ChainSource] = {}


def register_source(source: ChainSource) -> None:
    _SOURCES[source.prefix] = source


def source_for(chain: str) -> ChainSource | None:
    return _SOURCES.get(chain.split(":", 1)[0])


# -- keys and files --------------------------------------------------------------------------------


def log_path() -> Path:
    configured = getattr(settings, "CHECKPOINT_FILE", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / LOG_FILE_NAME


def public_keys_path() -> Path:
    return log_path().with_name(PUBLIC_KEYS_FILE_NAME)


def checkpoint_files() -> list[Path]:
    """The files a backup must include: the checkpoint log and the public key(s) to check it.

    Not the private key: a copy beside the database would let whoever holds both forge checkpoints."""
    return [path for path in (log_path(), public_keys_path()) if path.exists()]


def signing_key() -> Ed25519PrivateKey:
    """CHECKPOINT_KEY (or CHECKPOINT_KEY_FILE), else the key file under the data directory, made once."""
    configured = getattr(settings, "CHECKPOINT_KEY", None)
    try:
        if configured:
            return checkpointlog.private_key_from_text(str(configured))
        path = Path(settings.VAR_DIR) / KEY_FILE_NAME
        return checkpointlog.private_key_from_text(generated_secret(path, nbytes=32))
    except CheckpointKeyError as exc:
        source = "CHECKPOINT_KEY" if configured else str(Path(settings.VAR_DIR) / KEY_FILE_NAME)
        raise ImproperlyConfigured(
            f"The checkpoint key in {source} is unusable: {exc}. Use the base64 text of 32 random bytes, e.g. "
            "`python3 -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())'`."
        ) from None


def _read_public_keys(path: Path) -> list[Ed25519PublicKey]:
    try:
        text = path.read_text(encoding="ascii")
    except (FileNotFoundError, UnicodeDecodeError):
        return []
    keys = []
    for block in text.split("-----END PUBLIC KEY-----"):
        if "-----BEGIN PUBLIC KEY-----" in block:
            try:
                keys.append(checkpointlog.load_public_key(block.strip() + "\n-----END PUBLIC KEY-----\n"))
            except CheckpointKeyError:
                continue
    return keys


def trusted_public_keys(extra: Path | None = None) -> list[Ed25519PublicKey]:
    """The keys whose checkpoints are believed: `extra` alone when given (a copy kept elsewhere),
    else the current key and every earlier one recorded in the public-keys file."""
    if extra is not None:
        return _read_public_keys(extra)
    recorded = _read_public_keys(public_keys_path())
    if getattr(settings, "CHECKPOINT_KEY", None) or (Path(settings.VAR_DIR) / KEY_FILE_NAME).exists():
        return [signing_key().public_key(), *recorded]
    return recorded  # checking never makes a key: a restored copy may have only the public keys


def _current_key_id() -> str | None:
    if getattr(settings, "CHECKPOINT_KEY", None) or (Path(settings.VAR_DIR) / KEY_FILE_NAME).exists():
        return checkpointlog.key_id(signing_key().public_key())
    return None


def _record_public_key(key: Ed25519PublicKey) -> None:
    """Append the key to the public-keys file unless it is there (keys used earlier stay listed)."""
    path = public_keys_path()
    known = {checkpointlog.key_id(k) for k in _read_public_keys(path)}
    if checkpointlog.key_id(key) in known:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="ascii", opener=lambda p, f: os.open(p, f, 0o600)) as handle:
        handle.write(checkpointlog.public_key_pem(key))


def public_key_pem() -> str:
    return checkpointlog.public_key_pem(signing_key().public_key())


def read_checkpoints(*, path: Path | None = None, public_key: Path | None = None) -> LogReading:
    return checkpointlog.read_log(path or log_path(), trusted_keys=trusted_public_keys(public_key))


# -- writing ---------------------------------------------------------------------------------------


@dataclass
class CheckpointRun:
    written: list[Checkpoint] = field(default_factory=list)
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)


def _extension_problem(
    chain: str, previous: Checkpoint | None, seq: int, head: str, rows: Iterable[Row], genesis: str = GENESIS
) -> str | None:
    """Why (seq, head) is not the previous checkpoint's chain grown by intact rows, or None."""
    if previous is not None and seq < previous.seq:
        return (
            f"{chain}: the head says {seq} rows, but {previous.describe()} recorded {previous.seq}: rows were removed"
        )
    expected = previous.seq if previous is not None and previous.seq > 0 else 1
    prev_hash = genesis
    last_seq, last_hash = 0, GENESIS
    for row in rows:
        if row.seq != expected:
            return f"{chain}: row {expected} is missing"
        if previous is not None and row.seq == previous.seq:
            if row.row_hash != previous.head:
                return f"{chain}: row {row.seq} no longer has the hash {previous.describe()} recorded: it was rewritten"
        else:
            if row.prev_hash != prev_hash or link_hash(prev_hash=row.prev_hash, payload=row.payload) != row.row_hash:
                return f"{chain}: row {row.seq} does not match its hash or link: it was changed"
        prev_hash, last_seq, last_hash = row.row_hash, row.seq, row.row_hash
        expected += 1
    if last_seq != seq or last_hash != head:
        return f"{chain}: the head (row {seq}) is not the newest row found ({last_seq}): the head was changed"
    return None


def write_checkpoints(*, chains: Collection[str] | None = None) -> CheckpointRun:
    """Sign and append a checkpoint for every chain (or those in `chains`) whose head moved since its
    last checkpoint, after checking the new rows extend the checkpointed ones intact. A chain that
    fails the check is not signed (signing it would anchor the tampering): it is in `problems`."""
    run = CheckpointRun()
    key = signing_key()
    _record_public_key(key.public_key())
    with checkpointlog.open_for_append(log_path(), trusted_keys=trusted_public_keys()) as log:
        # Heads are read under the file's lock: a concurrent writer that read newer heads first must
        # not be followed by an older head, which would look like rows removed.
        heads: dict[str, tuple[int, str]] = {}
        for source in _SOURCES.values():
            heads.update(source.heads())
        if chains is not None:
            heads = {chain: head for chain, head in heads.items() if chain in chains}
        latest = log.reading.latest_by_chain()
        to_write: list[tuple[str, int, str]] = []
        for chain, (seq, head) in sorted(heads.items()):
            previous = latest.get(chain)
            if previous is not None and previous.seq == seq and previous.head == head:
                run.unchanged += 1
                continue
            if seq == 0:
                continue
            reader = source_for(chain)
            if reader is None:  # pragma: no cover - every head comes from a registered source
                continue
            first = previous.seq if previous is not None and previous.seq > 0 else 1
            problem = _extension_problem(
                chain, previous, seq, head, reader.rows(chain, first, seq), reader.genesis(chain)
            )
            if problem is not None:
                run.problems.append(problem)
                continue
            to_write.append((chain, seq, head))
        run.written = log.append(to_write, key=key)
    return run


def write_checkpoints_quietly(*, chains: Collection[str] | None = None) -> None:
    """For automatic use (after N rows, the worker, an export): log a failure, never raise."""
    try:
        run = write_checkpoints(chains=chains)
    except Exception:
        logger.exception("Writing trail checkpoints failed")
        return
    for problem in run.problems:
        logger.error("Trail checkpoint NOT written: %s (run `upstander audit verify`)", problem)


def maybe_checkpoint_after(seq: int) -> None:
    """After a chain's row numbered `seq` commits: checkpoint every trail whenever a chain reaches a
    multiple of CHECKPOINT_EVERY_ROWS (about as often overall as when one chain held every row)."""
    every = int(getattr(settings, "CHECKPOINT_EVERY_ROWS", 0) or 0)
    if every > 0 and seq % every == 0:
        from django.db import transaction

        transaction.on_commit(write_checkpoints_quietly)


# -- checking --------------------------------------------------------------------------------------


def compare_chain(
    chain: str, checkpoints: list[Checkpoint], stored: Mapping[int, str], length: int | None
) -> list[str]:
    """What is wrong with one chain as stored, judged against its checkpoints (oldest first)."""
    problems: list[str] = []
    if not checkpoints:
        return problems
    if length is None:
        newest = max(checkpoints, key=lambda c: c.seq)
        return [
            f"{chain}: the trail is gone from the database, but {newest.describe()} recorded {newest.seq} row(s) "
            f"(head {newest.head[:16]}…)"
        ]
    longest = max(checkpoints, key=lambda c: c.seq)
    if longest.seq > length:
        problems.append(
            f"{chain}: rows {length + 1} to {longest.seq} are missing: {longest.describe()} recorded "
            f"{longest.seq} row(s) (head {longest.head[:16]}…), the database has {length}. Rows were deleted "
            "from the end and the head rewound."
        )
    last_good = 0
    mismatches: list[Checkpoint] = []
    for checkpoint in sorted(checkpoints, key=lambda c: (c.seq, c.n)):
        if checkpoint.seq > length or checkpoint.seq == 0:
            continue
        found = stored.get(checkpoint.seq)
        if found is None:
            problems.append(f"{chain}: row {checkpoint.seq}, recorded by {checkpoint.describe()}, is missing")
        elif found != checkpoint.head:
            mismatches.append(checkpoint)
        elif not mismatches:
            last_good = checkpoint.seq
    if mismatches:
        first = mismatches[0]
        where = f"row {first.seq}" if last_good + 1 == first.seq else f"rows {last_good + 1} to {first.seq}"
        more = f" ({len(mismatches) - 1} later checkpoint(s) disagree too)" if len(mismatches) > 1 else ""
        problems.append(
            f"{chain}: row {first.seq} does not have the hash {first.describe()} signed: a row among {where} was "
            f"changed or replaced and the later hashes recomputed"
            + (f" (row {last_good} still matches its checkpoint)" if last_good else "")
            + more
        )
    return problems


@dataclass
class CheckpointCheck:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checkpoints: int = 0


def check_against_checkpoints(
    *, prefix: str, path: Path | None = None, public_key: Path | None = None
) -> CheckpointCheck:
    """Check every chain of one kind (`audit`, `custody`) against every checkpoint of it."""
    result = CheckpointCheck()
    source = _SOURCES[prefix]
    the_log = path or log_path()
    reading = read_checkpoints(path=path, public_key=public_key)
    result.problems.extend(reading.problems)
    if path is None:
        result.problems.extend(reading.gaps)
    elif reading.gaps:
        result.notes.append(
            f"{path} is not a complete checkpoint file ({len(reading.gaps)} break(s) in its numbering): expected "
            "for an export bundle's copy, which holds only its own trails' checkpoints; each one is still checked "
            "by its signature."
        )
    mine = [c for c in reading.checkpoints if c.chain.split(":", 1)[0] == prefix]
    result.checkpoints = len(mine)
    by_chain: dict[str, list[Checkpoint]] = {}
    for checkpoint in mine:
        by_chain.setdefault(checkpoint.chain, []).append(checkpoint)
    for chain, checkpoints in sorted(by_chain.items()):
        stored, length = source.stored(chain, {c.seq for c in checkpoints})
        result.problems.extend(compare_chain(chain, checkpoints, stored, length))
    if len(by_chain) == 1:
        [(only, listed)] = by_chain.items()  # in file order: the last is the newest
        result.notes.append(f"Newest checkpoint of {only}: {listed[-1].describe()}, at row {listed[-1].seq}.")
    current = _current_key_id()
    others = sorted({c.key_id for c in mine} - {current})
    if path is None and others:
        result.notes.append(
            f"Some checkpoints are signed by key(s) {', '.join(others)}, listed as earlier keys in "
            f"{public_keys_path()}; the current key is {current or 'not set'}. If the key was never changed, "
            "treat those checkpoints as forged."
        )
    heads = source.heads()
    if not the_log.exists():
        if any(seq for seq, _ in heads.values()):
            result.notes.append(
                f"There is no checkpoint file at {the_log}: the trail can be checked only against itself. "
                "Run `upstander audit checkpoint` (the task worker also does it regularly)."
            )
    else:
        behind = sum(
            1 for chain, (seq, _) in heads.items() if seq > max((c.seq for c in by_chain.get(chain, [])), default=0)
        )
        if behind:
            result.notes.append(
                f"{behind} trail(s) have rows newer than their latest checkpoint; those rows are protected by the "
                "chain only until the next checkpoint."
            )
    return result


# -- the audit trail's source --------------------------------------------------------------------


def audit_chains_of(organisation_id: int) -> set[str]:
    """The audit chains whose checkpoints belong with an organisation's records (an export bundle,
    its emailed copy): the installation's and its own, never another organisation's."""

    return {AUDIT_CHAIN, chain_for(organisation_id)}


_CHUNK = 500


def _audit_heads() -> dict[str, tuple[int, str]]:
    """Every audit chain's head: the installation's (always listed) and each organisation's."""

    heads = {AUDIT_CHAIN: (0, GENESIS)}
    for chain, seq, last_hash in AuditHead.objects.values_list("chain", "seq", "last_hash"):
        heads[str(chain)] = (int(seq), str(last_hash))
    return heads


def _audit_rows(chain: str, first: int, last: int) -> Iterable[Row]:

    rows = AuditEvent.objects.filter(chain=chain, seq__gte=first, seq__lte=last).order_by("seq")
    for event in rows.iterator(chunk_size=2000):
        yield Row(event.seq, event.prev_hash, event.row_hash, event.chain_payload())


def _audit_genesis(chain: str) -> str:

    recorded = AuditHead.objects.filter(chain=chain).values_list("genesis", flat=True).first()
    return str(recorded) if recorded else GENESIS


def _audit_stored(chain: str, seqs: Collection[int]) -> tuple[dict[int, str], int | None]:

    wanted = sorted(seqs)
    found: dict[int, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        found.update(
            AuditEvent.objects.filter(chain=chain, seq__in=wanted[start : start + _CHUNK]).values_list(
                "seq", "row_hash"
            )
        )
    length = AuditEvent.objects.filter(chain=chain).aggregate(top=Max("seq"))["top"] or 0
    return found, int(length)


register_source(
    ChainSource(prefix=AUDIT_CHAIN, heads=_audit_heads, rows=_audit_rows, stored=_audit_stored, genesis=_audit_genesis)
)
