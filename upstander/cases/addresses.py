"""A case's address uses the number people see: "Case 14" of Northbridge Academy lives at
/cases/northbridge-14/. (Case numbers start at 1 in each organisation; the organisation's slug
keeps the address unique for an authority lead who reads cases from many organisations.)

`{% url 'cases:detail' case %}` and `reverse("cases:detail", args=[case])` give that address. An address
with the database id alone (/cases/16/, as links made before this change and stored notifications
have) still opens the same case, for the same people: both forms go through
`selectors.case_for_actor`, which checks organisation and role either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CaseRef:
    organisation_slug: str
    number: int


class CaseConverter:
    regex = r"[0-9]+|[-a-zA-Z0-9_]*[a-zA-Z0-9_]-[0-9]+"

    def to_python(self, value: str) -> int | CaseRef:
        if value.isdigit():
            return int(value)  # an address made with the database id
        slug, number = value.rsplit("-", 1)
        return CaseRef(slug, int(number))

    def to_url(self, value: Any) -> str:
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            return str(value)
        if isinstance(value, CaseRef):
            return f"{value.organisation_slug}-{value.number}"
        if isinstance(value, str):
            return value  # already an address segment ("hill-14")
        return f"{value.organisation.slug}-{value.number}"  # a Case


def case_path_segment(case: Any) -> str:
    return CaseConverter().to_url(case)
