"""Reading the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from upstander.audit.chain import GENESIS, ChainProblem, ChainRow, chain_genesis, verify_rows
from upstander.audit.models import INSTALLATION_CHAIN, AuditEvent, AuditHead


def audit_events_for_object(*, organisation_id: int, object_type: str, object_id: str) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        organisation_id=organisation_id, object_type=object_type, object_id=object_id
    ).order_by("-id")


def audit_events_for_organisation(*, organisation_id: int) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation_id=organisation_id).order_by("-id")


def _rows(chain: str, batch_size: int = 2000) -> Iterator[ChainRow]:
    for event in AuditEvent.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=batch_size):
        yield ChainRow(seq=event.seq, prev_hash=event.prev_hash, row_hash=event.row_hash, payload=event.chain_payload())


@dataclass(frozen=True)
class ChainReport:
    chain: str
    rows: int
    problem: ChainProblem | None


def _genesis_problem(head: AuditHead) -> ChainProblem | None:
    """An organisation's chain must start from the genesis its head records, and that genesis must
    be the one computed from the installation chain's row it names."""
    if head.chain == INSTALLATION_CHAIN:
        return None if head.genesis == GENESIS else ChainProblem(0, "its recorded start is not the genesis hash")
    anchor_seq = int(head.anchor_seq or 0)
    anchor_hash = GENESIS
    if anchor_seq:
        found = (
            AuditEvent.objects.filter(chain=INSTALLATION_CHAIN, seq=anchor_seq)
            .values_list("row_hash", flat=True)
            .first()
        )
        if found is None:
            return ChainProblem(0, f"the installation chain's row {anchor_seq}, where this chain starts, is missing")
        anchor_hash = found
    if chain_genesis(chain=head.chain, anchor_seq=anchor_seq, anchor_hash=anchor_hash) != head.genesis:
        return ChainProblem(
            0, f"its recorded start does not link to the installation chain's row {anchor_seq} (changed or replaced)"
        )
    return None


def audit_chains_verify() -> list[ChainReport]:
    """Every audit chain (the installation's and each organisation's), walked from its genesis to
    its head: rows changed, removed or reordered, rows of a chain with no head, a head with no rows."""
    heads = {head.chain: head for head in AuditHead.objects.all()}
    chains = set(AuditEvent.objects.values_list("chain", flat=True).distinct()) | set(heads)
    reports = []
    for chain in sorted(chains):
        head = heads.get(chain)
        count = AuditEvent.objects.filter(chain=chain).count()
        if head is None:
            reports.append(ChainReport(chain, count, ChainProblem(1, "the chain head is missing") if count else None))
            continue
        problem = _genesis_problem(head) or verify_rows(
            _rows(chain), head_seq=head.seq, head_hash=head.last_hash, genesis=head.genesis
        )
        reports.append(ChainReport(chain, count, problem))
    return reports


def audit_chain_verify() -> tuple[int, ChainProblem | None]:
    """(rows checked in every chain, the first problem found or None)."""
    reports = audit_chains_verify()
    problems = [report.problem for report in reports if report.problem is not None]
    return sum(report.rows for report in reports), problems[0] if problems else None
