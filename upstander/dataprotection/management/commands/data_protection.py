"""`upstander data-protection access | carry-out | erase`: the same requests as the pages, for a DSL at
a terminal. Each names the DSL (`--by EMAIL`, who must be the organisation's DSL), is checked with
the same permission functions as the pages, and is audited under that account.

- access: write the subject access export (ZIP) of one person to `--output FILE`.
- carry-out: carry out a recorded decision to anonymise or delete a case's records (`--confirm-case`
  must repeat the case number). Nothing runs without this command or the page: no task does it.
- erase: erase one person after the records review (`--confirm-name` must repeat their name).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.accounts.actor import Actor, Context
from upstander.accounts.models import Membership, Organisation, User
from upstander.dataprotection import permissions, services
from upstander.dataprotection.access import subject_access_export
from upstander.dataprotection.models import RetentionDecision
from upstander.dataprotection.services import DataProtectionError
from upstander.people.models import Person


class Command(BaseCommand):
    help = "Subject access exports, carrying out records-review decisions, and erasure, by the DSL."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        access = actions.add_parser("access", help="write a person's subject access export (ZIP)")
        carry = actions.add_parser("carry-out", help="carry out a decision to anonymise or delete a case's records")
        erase = actions.add_parser("erase", help="erase a person after the records review")
        for sub in (access, carry, erase):
            sub.add_argument("--organisation", required=True, help="the organisation's slug")
            sub.add_argument("--by", required=True, help="the email address of the organisation's DSL doing this")
        for sub in (access, erase):
            sub.add_argument("--person", type=int, required=True, help="the person's number (in the page's address)")
        access.add_argument("--output", type=Path, required=True, help="the ZIP file to write")
        carry.add_argument("--decision", type=int, required=True, help="the decision's number")
        carry.add_argument("--confirm-case", type=int, required=True, help="the case number, to confirm")
        erase.add_argument("--reason", required=True, help="why (the request and the review's outcome)")
        erase.add_argument("--confirm-name", required=True, help="the person's full name, to confirm")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation has the slug {options['organisation']!r}.")
        user = User.objects.filter(email__iexact=options["by"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active account has the email address {options['by']!r}.")
        roles = frozenset(
            Membership.objects.filter(user=user, organisation=organisation, is_active=True).values_list(
                "role", flat=True
            )
        )
        actor = Actor(user_id=user.pk, context=Context("org", organisation.pk, organisation.name, roles))
        try:
            if options["action"] == "carry-out":
                self._carry_out(actor, user, organisation, options)
            else:
                person = Person.objects.filter(organisation=organisation, pk=options["person"]).first()
                if person is None:
                    raise CommandError(f"{organisation.name} has no person number {options['person']}.")
                if options["action"] == "access":
                    self._access(actor, user, person, options["output"])
                else:
                    self._erase(actor, user, person, options)
        except DataProtectionError as error:
            raise CommandError(str(error)) from None

    def _refuse(self, allowed: bool) -> None:
        if not allowed:
            raise CommandError("Only the organisation's DSL can do this: give the DSL's email address with --by.")

    def _access(self, actor: Actor, user: User, person: Person, output: Path) -> None:
        self._refuse(permissions.can_export_subject_access(actor, person))
        if output.exists():
            raise CommandError(f"{output} exists already: give a new file name.")
        _, data = subject_access_export(person=person, by=user, by_label=f"{user.email} (command)")
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # personal data: owner-only
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        self.stdout.write(
            f"Subject access export written: {output} ({len(data)} bytes). Read it before handing it over."
        )

    def _carry_out(self, actor: Actor, user: User, organisation: Organisation, options: dict[str, Any]) -> None:
        decision = RetentionDecision.objects.filter(organisation=organisation, pk=options["decision"]).first()
        if decision is None:
            raise CommandError(f"{organisation.name} has no records-review decision number {options['decision']}.")
        self._refuse(permissions.can_decide(actor, decision, kind=decision.kind))
        done = services.retention_carry_out(decision=decision, by=user, confirm_number=options["confirm_case"])
        self.stdout.write(f"Carried out: {done.get_kind_display().lower()} the records of case {done.case.number}. "
                          f"Changed: {done.summary}")  # fmt: skip

    def _erase(self, actor: Actor, user: User, person: Person, options: dict[str, Any]) -> None:
        self._refuse(permissions.can_erase_person(actor, person))
        erasure = services.person_erase(person=person, reason=options["reason"], by=user,
                                        confirm_name=options["confirm_name"])  # fmt: skip
        self.stdout.write(f"Erased person {person.pk}. Changed: {erasure.summary}")
