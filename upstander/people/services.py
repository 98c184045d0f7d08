"""Writes to people records. Each change is audited with the names of the fields changed (the values
stay in the record, not in the trail, to keep special-category data in one place)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.core.progress import Progress, no_progress
from upstander.people.importing import ParsedRow
from upstander.people.models import Person

EDITABLE_FIELDS = (
    "kind",
    "first_name",
    "last_name",
    "external_id",
    "year_group",
    "class_name",
    "date_of_birth",
    "special_educational_needs",
    "looked_after",
    "adult_at_risk",
    "description",
    "is_archived",
)


@transaction.atomic
def person_create(
    *, organisation: Organisation, created_by: User | None, request: HttpRequest | None = None, **values: Any
) -> Person:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    person = Person.objects.create(organisation=organisation, **values)
    audit_record(
        action=AuditAction.CREATED, actor=created_by, organisation_id=organisation.pk, obj=person, request=request
    )
    return person


@transaction.atomic
def person_update(*, person: Person, changed_by: User, request: HttpRequest | None = None, **values: Any) -> Person:
    changed = [name for name in EDITABLE_FIELDS if name in values and getattr(person, name) != values[name]]
    if not changed:
        return person
    for name in changed:
        setattr(person, name, values[name])
    person.save(update_fields=[*changed, "updated_at"])
    audit_record(
        action=AuditAction.CHANGED,
        actor=changed_by,
        organisation_id=person.organisation_id,
        obj=person,
        request=request,
        detail={"fields": changed},
    )
    return person


@transaction.atomic
def people_import(
    *,
    organisation: Organisation,
    rows: list[ParsedRow],
    actor_label: str,
    source: str,
    progress: Progress = no_progress,
) -> tuple[int, int]:
    """Create or update (matched on MIS identifier) every row, in one transaction: (created, updated)."""
    ids = [str(row.values["external_id"]) for row in rows if row.values["external_id"]]
    existing = {p.external_id: p for p in Person.objects.filter(organisation=organisation, external_id__in=ids)}
    created = updated = 0
    to_create: list[Person] = []
    for row in progress(rows, total=len(rows), desc="people"):
        person = existing.get(str(row.values["external_id"])) if row.values["external_id"] else None
        if person is None:
            to_create.append(Person(organisation=organisation, **row.values))
            created += 1
            continue
        changed = [name for name, value in row.values.items() if getattr(person, name) != value]
        if changed:
            for name in changed:
                setattr(person, name, row.values[name])
            person.save(update_fields=[*changed, "updated_at"])
            updated += 1
    Person.objects.bulk_create(to_create, batch_size=500)
    audit_record(
        action=AuditAction.IMPORTED,
        actor_label=actor_label,
        organisation_id=organisation.pk,
        object_type="people.person",
        detail={"source": source, "created": created, "updated": updated},
    )
    return created, updated
