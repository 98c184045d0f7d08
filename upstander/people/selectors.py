from __future__ import annotations

from django.db.models import Q, QuerySet

from upstander.people.models import Person


def people_search(
    *, organisation_id: int, query: str = "", kind: str = "", year_group: str = "", include_archived: bool = False
) -> QuerySet[Person]:
    people = Person.objects.filter(organisation_id=organisation_id)
    if not include_archived:
        people = people.filter(is_archived=False)
    for word in query.split()[:5]:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(external_id__iexact=word)
            | Q(description__icontains=word)
        )
    if kind:
        people = people.filter(kind=kind)
    if year_group:
        people = people.filter(year_group=year_group)
    return people.order_by("last_name", "first_name", "pk")


def year_groups(*, organisation_id: int) -> list[str]:
    """Each year group once. (`order_by()` clears Person's default ordering: with it, DISTINCT would
    also compare the names and list a year group once per pupil name.)"""
    values = (
        Person.objects.filter(organisation_id=organisation_id)
        .exclude(year_group="")
        .order_by()
        .values_list("year_group", flat=True)
        .distinct()
    )
    return sorted(set(values), key=lambda v: (len(v), v))


PICK_LIMIT = 10


def pick_label(person: Person) -> str:
    """What anyone recording a concern sees of a record: the name and where to find them (year group
    and class, or what kind of person), never the MIS number, date of birth or needs."""
    year = f"Year {person.year_group}" if person.year_group.isdigit() else person.year_group
    where = ", ".join(x for x in (year, person.class_name) if x) or person.get_kind_display().lower()
    return f"{person.display_name} ({where})"


def people_to_pick(*, organisation_id: int, query: str) -> list[Person]:
    """Up to PICK_LIMIT current records of the organisation matching every word typed (by name only)."""
    words = query.split()[:5]
    if not words or len(query.strip()) < 2:
        return []
    people = Person.objects.filter(organisation_id=organisation_id, is_archived=False)
    for word in words:
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(description__icontains=word)
        )
    return list(people.order_by("last_name", "first_name", "pk")[:PICK_LIMIT])
