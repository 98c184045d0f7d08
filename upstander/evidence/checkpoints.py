"""The evidence custody trails as checkpointed chains (`upstander.audit.checkpoints`): one chain
per item, id `custody:<item id>`."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.db.models import Max

from upstander.audit.checkpoints import ChainSource, Row, register_source
from upstander.evidence.models import CustodyEvent, EvidenceItem

PREFIX = "custody"


def chain_id(item_id: int) -> str:
    return f"{PREFIX}:{item_id}"


def item_id_of(chain: str) -> int:
    return int(chain.split(":", 1)[1])


def _heads() -> dict[str, tuple[int, str]]:
    rows = EvidenceItem.objects.values_list("pk", "custody_seq", "custody_head")
    return {chain_id(pk): (int(seq), str(head)) for pk, seq, head in rows.iterator(chunk_size=2000)}


def _rows(chain: str, first: int, last: int) -> Iterable[Row]:
    events = CustodyEvent.objects.filter(item_id=item_id_of(chain), seq__gte=first, seq__lte=last).order_by("seq")
    for event in events:
        yield Row(event.seq, event.prev_hash, event.row_hash, event.chain_payload())


def _stored(chain: str, seqs: Collection[int]) -> tuple[dict[int, str], int | None]:
    item_id = item_id_of(chain)
    events = CustodyEvent.objects.filter(item_id=item_id)
    found = dict(events.filter(seq__in=sorted(seqs)).values_list("seq", "row_hash"))
    if not found and not EvidenceItem.objects.filter(pk=item_id).exists():
        return {}, None
    return found, int(events.aggregate(top=Max("seq"))["top"] or 0)


register_source(ChainSource(prefix=PREFIX, heads=_heads, rows=_rows, stored=_stored))
