"""Forms for the case pages. They validate input only; the services decide and record."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from upstander.accounts.models import User
from upstander.cases import facts, playbooks, selectors, services, taxonomy
from upstander.cases.models import (
    CLOSING_OUTCOMES,
    Case,
    CaseParty,
    CaseSettings,
    CaseStatus,
    EntryKind,
    PartyRole,
    Referral,
    ResponseKind,
    Risk,
)
from upstander.people.models import Person, PersonKind
from upstander.people.selectors import people_search
from upstander.reports.models import Channel, Platform, Report

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REASON = forms.Textarea(attrs={"rows": 3})


class TriageForm(forms.Form):
    risk = forms.ChoiceField(
        label="Risk",
        choices=[(v, label) for v, label in Risk.choices if v != Risk.NOT_ASSESSED],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a risk level."},
    )
    summary = forms.CharField(
        label="Summary", max_length=200, help_text="A line that identifies the case in the queue."
    )
    categories = forms.MultipleChoiceField(
        label="What happened",
        choices=taxonomy.BEHAVIOUR_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    prejudice = forms.MultipleChoiceField(
        label="Prejudice shown",
        choices=taxonomy.PREJUDICE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Any prejudice also makes it a hate incident.",
    )
    known_facts = forms.MultipleChoiceField(
        label="What else do you know?",
        choices=list(facts.KNOWN_FACTS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The escalation rules read these with the people involved.",
    )
    channel = forms.ChoiceField(label="Channel", choices=[("", "Not known"), *Channel.choices], required=False)
    platform = forms.ChoiceField(
        label="Platform", choices=[("", "Not known"), *[c for c in Platform.choices if c[0]]], required=False
    )
    platform_reported_on = forms.DateField(label="Reported to the platform on", widget=DATE, required=False)
    poster_refused_removal = forms.TypedChoiceField(
        label="Asked the person who posted it to take it down?",
        choices=[("", "Not asked, or not known"), ("no", "Asked, and they agreed"), ("yes", "Asked, and they refused")],
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
    )
    playbook = forms.ChoiceField(
        label="Playbook",
        choices=[*playbooks.playbook_choices(), ("", "None for now")],
        widget=forms.RadioSelect,
        required=False,
        help_text="The procedure to follow, as a checklist on the case.",
    )
    assignee = forms.ModelChoiceField(
        label="Assign to", queryset=User.objects.none(), required=False, empty_label="Nobody yet"
    )
    next_check_on = forms.DateField(
        label="Next check due by",
        widget=DATE,
        required=False,
        help_text="The queue marks the case overdue after this day. Leave empty for none.",
    )
    reason = forms.CharField(
        label="Why this assessment?",
        widget=REASON,
        help_text="Your reasons are part of the record (KCSIE: record concerns, decisions and reasons).",
        error_messages={"required": "Say why you made this assessment."},
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assignee.queryset = selectors.case_workers(organisation_id=case.organisation_id)  # type: ignore[attr-defined]
        assignee.label_from_instance = lambda user: user.full_name  # type: ignore[attr-defined]
        suggested = case.suggested_categories + case.suggested_prejudice
        if suggested:
            words = ", ".join(taxonomy.label(name).lower() for name in suggested)
            self.fields["categories"].help_text = f"Suggested by analysis ({case.suggestion_model}): {words}."

    @staticmethod
    def initial_for(case: Case) -> dict[str, Any]:
        refused = "" if case.poster_refused_removal is None else ("yes" if case.poster_refused_removal else "no")
        return {
            "risk": "" if case.risk == Risk.NOT_ASSESSED else case.risk,
            "summary": case.summary,
            "categories": case.category_list or case.suggested_categories,
            "prejudice": case.prejudice_list or case.suggested_prejudice,
            "known_facts": sorted(case.known_facts or {}),
            "channel": case.channel,
            "platform": case.platform,
            "platform_reported_on": case.platform_reported_on,
            "poster_refused_removal": refused,
            "playbook": case.playbook,
            "assignee": case.assignee_id,
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="New status",
        choices=[(s, CaseStatus(s).label) for s in services.SETTABLE_STATUSES],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a status."},
    )
    reason = forms.CharField(
        label="Why, or what it is waiting for",
        widget=REASON,
        required=False,
        help_text="Needed for 'Waiting on others': say who or what.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == CaseStatus.WAITING and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say who or what the case is waiting for.")
        return data


class EntryForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you recording?",
        choices=[(k, EntryKind(k).label) for k in services.ENTRY_KINDS_BY_HAND],
        widget=forms.RadioSelect,
        initial=EntryKind.NOTE,
    )
    text = forms.CharField(label="Record", widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000,
                           error_messages={"required": "Write what you want to record."})  # fmt: skip
    reason = forms.CharField(
        label="Reason", widget=REASON, required=False, help_text="Needed for a decision: why you decided this."
    )
    happened_on = forms.DateField(
        label="When did it happen?",
        required=False,
        widget=DATE,
        help_text="If it happened earlier than now (a phone call yesterday). The time you record it is kept too.",
        error_messages={"invalid": "Enter the date like 21/11/2026, or leave it empty."},
    )
    happened_time = forms.TimeField(
        label="At what time?",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Optional, with the date.",
        error_messages={"invalid": "Enter the time like 14:30, or leave it empty."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, clock = data.pop("happened_on", None), data.pop("happened_time", None)
        data["happened_at"] = None
        if clock is not None and day is None:
            self.add_error("happened_on", "Enter the date it happened, or leave the time empty.")
        elif day is not None:
            moment = timezone.make_aware(datetime.combine(day, clock or time(0, 0)))
            if day > timezone.localdate() or moment > timezone.now():
                self.add_error("happened_on" if day > timezone.localdate() else "happened_time",
                               "It cannot have happened in the future: check the date and time.")  # fmt: skip
            data["happened_at"] = moment
        if data.get("kind") == EntryKind.DECISION and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why you decided this: every decision is recorded with its reason.")
        return data


class CorrectionForm(forms.Form):
    text = forms.CharField(label="The corrected record", widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000)
    reason = forms.CharField(label="What was wrong?", widget=REASON, error_messages={"required": "Say what was wrong."})


PEOPLE_SHOWN = 25


def person_label(person: Person) -> str:
    """'Sam Patel (Pupil or student, Year 9, 9B, UPN A123)': enough to tell two Sam Patels apart."""
    year = f"Year {person.year_group}" if person.year_group.isdigit() else person.year_group
    details = [person.get_kind_display(), year, person.class_name]
    if person.external_id:
        details.append(f"MIS {person.external_id}")
    if person.date_of_birth:
        details.append(f"born {person.date_of_birth:%d/%m/%Y}")
    return f"{person.display_name} ({', '.join(d for d in details if d)})"


class PartyForm(forms.Form):
    role = forms.ChoiceField(label="Role in the case", choices=PartyRole.choices, widget=forms.RadioSelect)
    person = forms.ModelChoiceField(
        label="Person record",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        help_text="Search above for their record (a school may have thousands), then choose it here. Linking a "
        "record lets Upstander find earlier cases about the same people.",
    )
    kind = forms.ChoiceField(
        label="Who they are",
        choices=PersonKind.choices,
        initial=PersonKind.UNKNOWN,
        help_text="Taken from the record when you choose one.",
    )
    identifier = forms.CharField(
        label="Username, handle or phone number", max_length=200, required=False,
        help_text="For example @name_123 or 07700 900123. Used to link reports about the same account.",
    )  # fmt: skip
    description = forms.CharField(label="Name or description", max_length=200, required=False)
    age = forms.IntegerField(label="Age, if known", min_value=0, max_value=130, required=False)
    adult_at_risk = forms.BooleanField(label="An adult at risk", required=False)

    def __init__(self, *args: Any, organisation_id: int, search: str = "", **kwargs: Any) -> None:
        """Any record of the organisation is a valid choice; the page offers only the records that
        match `search` (and the one already chosen), so it stays usable with thousands of people."""
        super().__init__(*args, **kwargs)
        people: QuerySet[Person] = Person.objects.filter(organisation_id=organisation_id, is_archived=False)
        field = self.fields["person"]
        field.queryset = people  # type: ignore[attr-defined]
        shown = list(people_search(organisation_id=organisation_id, query=search)[:PEOPLE_SHOWN]) if search else []
        self.people_shown = len(shown)  # the matches, for the page to say how many
        chosen = self.data.get("person") if self.is_bound else self.initial.get("person")
        if chosen and str(chosen).isdigit() and all(str(p.pk) != str(chosen) for p in shown):
            shown[:0] = people.filter(pk=int(chosen))
        field.widget.choices = [("", "No record: describe them below"), *((p.pk, person_label(p)) for p in shown)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (
            data.get("person") or (data.get("identifier") or "").strip() or (data.get("description") or "").strip()
        ):
            raise forms.ValidationError("Choose a person record, or give a username, phone number or description.")
        return data

    @staticmethod
    def initial_for(party: CaseParty) -> dict[str, Any]:
        return {
            "role": party.role,
            "person": party.person_id,
            "kind": party.kind,
            "identifier": party.identifier,
            "description": party.description,
            "age": party.age,
            "adult_at_risk": party.adult_at_risk,
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", widget=REASON, error_messages={"required": "Give a reason."})

    def __init__(self, *args: Any, label: str = "Reason", help_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text


class UrgencyForm(forms.Form):
    """Confirm or dismiss analysis's suggestion that a case may be urgent."""

    decision = forms.ChoiceField(
        label="Is this case urgent?",
        choices=[("confirm", "Yes: someone's life or safety may be at risk now"), ("dismiss", "No: dismiss the suggestion")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no."},
    )
    reason = forms.CharField(
        label="Why?",
        widget=REASON,
        max_length=5000,
        help_text="Recorded on the chronology.",
        error_messages={"required": "Say why: the reason is recorded on the chronology."},
    )


class WatcherForm(forms.Form):
    """Keep a named member of staff informed (they see only the updates the DSL shares)."""

    user = forms.ModelChoiceField(
        label="Member of staff",
        queryset=User.objects.none(),
        empty_label="Choose a member of staff",
        error_messages={"required": "Choose a member of staff.", "invalid_choice": "Choose a member of staff."},
    )
    why = forms.CharField(
        label="Why are they kept informed?",
        max_length=200,
        help_text="For example: form tutor, head of year. They see only the updates you share, never the case.",
        error_messages={"required": "Say why they are kept informed, for example 'form tutor'."},
    )

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = staff
        field.label_from_instance = lambda obj: f"{obj.full_name} ({obj.email})"  # type: ignore[method-assign]


class SharedUpdateForm(forms.Form):
    text = forms.CharField(
        label="Update for the staff kept informed",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Share only what they need to know to support the pupil. Every update is recorded on the chronology.",
        error_messages={"required": "Write the update to share."},
    )


class DutyDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("accept", "Accept: we will do this"), ("decline", "Decline: we will not do this")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose accept or decline."},
    )
    reason = forms.CharField(
        label="Why?",
        widget=REASON,
        help_text="Recorded with the proposal and the version of the rules that made it.",
        error_messages={"required": "Say why: the reason is part of the record."},
    )


class ReferralForm(forms.ModelForm[Referral]):
    class Meta:
        model = Referral
        fields = ["reference_number", "made_on", "follow_up_on", "outcome"]
        widgets = {"made_on": DATE, "follow_up_on": DATE, "outcome": forms.Textarea(attrs={"rows": 3})}
        labels = {"made_on": "Date made", "follow_up_on": "Follow up on", "reference_number": "Reference number"}
        help_texts = {"reference_number": "The agency's reference, for example a police incident number."}


class PlaybookItemForm(forms.Form):
    action = forms.ChoiceField(choices=[("done", "Done"), ("not_needed", "Not needed")])
    note = forms.CharField(max_length=2000, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "not_needed" and not (data.get("note") or "").strip():
            raise forms.ValidationError("Say why this step is not needed.")
        return data


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome", choices=CLOSING_OUTCOMES, widget=forms.RadioSelect,
        error_messages={"required": "Choose an outcome."},
    )  # fmt: skip
    reason = forms.CharField(
        label="Why does the case end this way?", widget=REASON, error_messages={"required": "Give the reason."}
    )
    follow_up_on = forms.DateField(
        label="Follow up with the person targeted on",
        widget=DATE,
        help_text="Check then that it has stopped and how they are.",
        error_messages={"required": "Give the date to follow up."},
    )

    open_work_reason = forms.CharField(
        label="Why close the case with this still open?",
        widget=REASON,
        required=False,
        max_length=5000,
        help_text="Recorded on the chronology with the list of what was open.",
    )

    def __init__(self, *args: Any, follow_up_days: int, open_work: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["follow_up_on"].initial = timezone.localdate() + timedelta(days=follow_up_days)
        self.open_work = open_work or []
        if not self.open_work:
            del self.fields["open_work_reason"]
        else:
            self.fields["open_work_reason"].required = True
            self.fields["open_work_reason"].error_messages["required"] = (
                "Say why you are closing the case with work still open, or finish it first."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.open_work and not (data.get("open_work_reason") or "").strip():
            self.add_error("open_work_reason", "Say why you are closing the case with work still open, or finish it first.")
        data.setdefault("open_work_reason", "")
        return data


class ReviewForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, (question, options) in services.REVIEW_CHOICES.items():
            self.fields[key] = forms.ChoiceField(
                label=question, choices=options, widget=forms.RadioSelect, required=False
            )
        for key, question in services.REVIEW_QUESTIONS.items():
            self.fields[key] = forms.CharField(label=question, widget=REASON, required=False, max_length=5000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((value or "").strip() for value in data.values()):
            raise forms.ValidationError("Answer at least one of the review questions.")
        return data


class MergeForm(forms.Form):
    other = forms.TypedChoiceField(
        label="Which case belongs with this one?",
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text="Its reports and people move here; it closes and points to this case.",
    )
    other_number = forms.IntegerField(
        label="Number of the case to merge into this one",
        min_value=1,
        required=False,
        help_text="Its reports and people move here; it closes and points to this case.",
    )
    reason = forms.CharField(label="Why do they belong together?", widget=REASON)

    def __init__(
        self, *args: Any, case: Case, suggestions: list[tuple[Case, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.suggestions = suggestions or []
        if self.suggestions:
            # Related cases first (cases.related): shared people, handles or words; a number only if none fits.
            other_field = self.fields["other"]
            assert isinstance(other_field, forms.TypedChoiceField)
            other_field.choices = [
                (other.pk, f"Case {other.number}: {other.summary or 'no summary yet'} ({why})")
                for other, why in self.suggestions
            ] + [(0, "Another case: give its number below")]
            # Required, unless a number is given instead (the last choice says where).
            self.fields["other"].required = not (self.is_bound and str(self.data.get("other_number", "")).strip())
            self.fields["other"].error_messages["required"] = (
                "Choose the case to merge into this one, or give its number."
            )
            self.fields["other_number"].label = "Number of another case, if it is not listed"
            self.fields["other_number"].help_text = ""
        else:
            del self.fields["other"]

    def clean_other_number(self) -> Case | None:
        number = self.cleaned_data.get("other_number")
        if number is None:
            return None
        other = Case.objects.filter(organisation_id=self.case.organisation_id, number=number).first()
        if other is None or other.pk == self.case.pk:
            raise forms.ValidationError("Give the number of another case of your organisation.")
        if other.merged_into_id is not None:
            raise forms.ValidationError(f"Case {number} was already merged into another case.")
        return other

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("other")
        if chosen:
            data["other_number"] = next(other for other, _ in self.suggestions if other.pk == chosen)
        elif data.get("other_number") is None and "other_number" not in self.errors and "other" not in self.errors:
            field = "other_number" if chosen == 0 else "other"
            self.add_error(field, "Choose the case to merge into this one, or give its number.")
        return data


class SplitForm(forms.Form):
    reports = forms.ModelMultipleChoiceField(
        label="Reports to move to a new case",
        queryset=Report.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one report."},
    )
    reason = forms.CharField(label="Why are they a separate case?", widget=REASON)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reports"]
        field.queryset = Report.objects.filter(case_link__case=case).order_by("created_at")  # type: ignore[attr-defined]
        field.label_from_instance = lambda r: f"{r.reference}, {timezone.localtime(r.created_at):%d %b %Y %H:%M}"  # type: ignore[attr-defined]


class CaseSettingsForm(forms.ModelForm[CaseSettings]):
    class Meta:
        model = CaseSettings
        fields = [
            "urgent_due_minutes",
            "working_day_starts",
            "working_day_ends",
            "out_of_hours_email",
            "follow_up_days",
            "adult_records_review_years",
        ]
        widgets = {
            "working_day_starts": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "working_day_ends": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("working_day_starts"), data.get("working_day_ends")
        if starts and ends and starts >= ends:
            self.add_error("working_day_ends", "The working day must end after it starts.")
        return data


class ResponsibleActionForm(forms.Form):
    """An action with one person responsible (seed 001): sanction, restorative meeting, apology, education."""

    party = forms.TypedChoiceField(
        label="Who is it with?", coerce=int, error_messages={"required": "Choose the person responsible."}
    )
    kind = forms.ChoiceField(
        label="What was done?",
        choices=ResponseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what was done."},
    )
    policy = forms.CharField(
        label="Under which policy? (for a sanction)",
        required=False,
        max_length=200,
        help_text="For example: behaviour policy, staff code of conduct, learner agreement.",
    )
    detail = forms.CharField(label="Details", widget=REASON, required=False, max_length=5000)
    done_on = forms.DateField(label="Date", widget=DATE, required=False, help_text="Leave empty for today.")

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = case.parties.filter(role=PartyRole.ALLEGED_PERPETRATOR).select_related("person")
        field = self.fields["party"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(p.pk, p.display_name) for p in people]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ResponseKind.SANCTION and not (data.get("policy") or "").strip():
            self.add_error("policy", "Say which policy the sanction is given under.")
        return data


class FollowUpForm(forms.Form):
    note = forms.CharField(
        label="How is the person targeted? Has it stopped?",
        widget=REASON,
        max_length=5000,
        error_messages={"required": "Say how they are and whether it has stopped."},
    )
