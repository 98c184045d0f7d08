"""Forms for the safeguarding leads' evidence pages. They only check shape; the services decide what
is stored and say why anything is refused."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from upstander.evidence.adding import MAX_DESCRIPTION_CHARS, MAX_TEXT_CHARS, METADATA_FIELDS
from upstander.evidence.custody import MAX_REASON_CHARS
from upstander.reports.models import Channel, Platform

UKCIS_RULE = (
    "UKCIS guidance ('Sharing nudes and semi-nudes', 2024): nobody views, copies, prints, shares, stores or "
    "saves a nude or sexual image of anyone under 18, even as evidence. Tell the DSL at once; only the DSL "
    "decides what happens next. If an adult is involved, the police must be told urgently."
)

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MetadataForm(forms.Form):
    platform = forms.ChoiceField(
        label="App, game or website", required=False,
        choices=[("", "Not known"), *[(v, label) for v, label in Platform.choices if v]],
    )  # fmt: skip
    channel = forms.ChoiceField(label="Kind of channel", required=False, choices=[("", "Not known"), *Channel.choices])
    url = forms.URLField(
        label="Web address (URL)", required=False, max_length=2000, assume_scheme="https",
        help_text="Of the post, profile or page, copied from the address bar.",
    )  # fmt: skip
    handles = forms.CharField(
        label="Usernames, handles or phone numbers involved", required=False,
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
        help_text="One on each line, exactly as they appear.",
    )  # fmt: skip
    posted_at = forms.DateTimeField(label="When the original was posted or sent", required=False, widget=_DATETIME)
    captured_at = forms.DateTimeField(
        label="When the screenshot or copy was made", required=False, widget=_DATETIME,
        help_text="Leave empty for photos: the time the camera recorded is read from the file.",
    )  # fmt: skip
    captured_by = forms.CharField(
        label="Who made the screenshot or copy", required=False, max_length=200,
        help_text="For example 'the pupil, on her phone' or your own name.",
    )  # fmt: skip
    location = forms.CharField(label="Where it happened, if known", required=False, max_length=300)
    description = forms.CharField(
        label="Description", required=False, max_length=MAX_DESCRIPTION_CHARS, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What this shows and why it matters. Do not describe a sexual image in detail.",
    )  # fmt: skip

    def metadata(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in METADATA_FIELDS if name in self.cleaned_data}


class FileEvidenceForm(MetadataForm):
    file = forms.FileField(
        label="File",
        help_text=(
            "A screenshot, photo, video, PDF, text file or saved email (.eml). The type is checked from the file "
            "itself, and the file is encrypted as soon as it is stored."
        ),
        error_messages={"required": "Choose a file to add."},
    )
    sexual_image = forms.BooleanField(
        label="This is a nude or sexual image",
        required=False,
        help_text=(
            "It is sealed at once: no preview is made, it is not read or shown to anyone, and it is left out of "
            "exports. Only the DSL can unseal it, with a reason. " + UKCIS_RULE
        ),
    )

    field_order = ["file", "sexual_image", *METADATA_FIELDS]


class MessageEvidenceForm(MetadataForm):
    text = forms.CharField(
        label="The message", max_length=MAX_TEXT_CHARS, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Paste or type it exactly as it appears, with names and times.",
        error_messages={"required": "Paste or type the message."},
    )  # fmt: skip

    field_order = ["text", *METADATA_FIELDS]


class WebPageEvidenceForm(MetadataForm):
    text = forms.CharField(
        label="What the page showed", max_length=MAX_TEXT_CHARS, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "Describe or paste what was on the page when you saw it. Upstander cannot open web pages itself: "
            "add a screenshot of the page as a file too if you can."
        ),
        error_messages={"required": "Say what the page showed."},
    )  # fmt: skip

    field_order = ["url", "text", *METADATA_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["url"].required = True
        self.fields["url"].label = "Web page address (URL)"
        self.fields["url"].error_messages["required"] = "Give the web page's address, copied from the address bar."


ADD_FORMS: dict[str, tuple[type[MetadataForm], str]] = {
    "file": (FileEvidenceForm, "Add a file"),
    "message": (MessageEvidenceForm, "Add a pasted message"),
    "web-page": (WebPageEvidenceForm, "Add a record of a web page"),
}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=MAX_REASON_CHARS, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give a reason: it is kept on the item's custody trail."},
    )  # fmt: skip

    def __init__(self, *args: Any, label: str, help_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text


_BOX = re.compile(r"^\s*(\d{1,6})\s*[, ]\s*(\d{1,6})\s*[, ]\s*(\d{1,6})\s*[, ]\s*(\d{1,6})\s*$")


class RedactForm(forms.Form):
    boxes = forms.CharField(
        label="Areas to black out",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give at least one area to black out."},
    )
    reason = forms.CharField(
        label="Why are you redacting this?", max_length=MAX_REASON_CHARS, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give a reason: it is kept on the item's custody trail."},
    )  # fmt: skip

    def __init__(self, *args: Any, width: int | None = None, height: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        size = f" The image is {width} by {height} pixels." if width and height else ""
        self.fields["boxes"].help_text = (
            "One area a line, as left, top, right, bottom in pixels of the original image, counted from its "
            f"top-left corner.{size} For example: 0, 0, 400, 120"
        )

    def clean_boxes(self) -> list[tuple[int, int, int, int]]:
        boxes = []
        for number, line in enumerate(self.cleaned_data["boxes"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _BOX.match(line)
            if not match:
                raise forms.ValidationError(f"Line {number} is not four numbers such as 0, 0, 400, 120.")
            left, top, right, bottom = (int(v) for v in match.groups())
            if right <= left or bottom <= top:
                raise forms.ValidationError(f"On line {number} the right and bottom must be larger than left and top.")
            boxes.append((left, top, right, bottom))
        if not boxes:
            raise forms.ValidationError("Give at least one area to black out.")
        if len(boxes) > 50:
            raise forms.ValidationError("Give at most 50 areas.")
        return boxes


class ExportForm(forms.Form):
    include_sealed = forms.MultipleChoiceField(
        label="Sealed items to include", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Only for the police, when they ask for them. " + UKCIS_RULE,
    )  # fmt: skip
    sealed_reason = forms.CharField(
        label="Why are sealed items included?", required=False, max_length=MAX_REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example the police officer's name, force and reference who asked for them.",
    )  # fmt: skip

    def __init__(
        self, *args: Any, sealed_choices: list[tuple[str, str]], can_include_sealed: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.can_include_sealed = can_include_sealed
        choice_field = self.fields["include_sealed"]
        assert isinstance(choice_field, forms.MultipleChoiceField)
        choice_field.choices = sealed_choices
        if not (sealed_choices and can_include_sealed):
            del self.fields["include_sealed"]
            del self.fields["sealed_reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        asked = self.data.getlist("include_sealed") if hasattr(self.data, "getlist") else []
        if asked and not self.can_include_sealed:
            raise forms.ValidationError("Only the DSL can include sealed items in an export.")
        if data.get("include_sealed") and not (data.get("sealed_reason") or "").strip():
            self.add_error("sealed_reason", "Give the reason for including sealed items: it is recorded.")
        return data

    def sealed_ids(self) -> list[int]:
        return [int(value) for value in self.cleaned_data.get("include_sealed") or []]
