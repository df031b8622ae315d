"""The forms a meeting is recorded and corrected with; they work without JavaScript (fixed rows for actions)."""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.evidence_types import EvidenceType
from learning.models import StepStatus

from .models import MINUTES_LIMIT

# Rows for actions on the form: enough for one meeting, no script needed to add more.
ACTION_ROWS = 5
STEP_CHOICES = [
    ("", _("No change")),
    (StepStatus.IN_PROGRESS, _("Started, not finished")),
    (StepStatus.DONE, _("Done")),
    (StepStatus.NOT_APPLICABLE, _("Does not apply to our group")),
]


def person_label(user):
    name = getattr(user, "get_display_name", None)
    return name() if callable(name) else str(user)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


class MembersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MeetingForm(forms.Form):
    """The meeting itself, and a status for each of the chosen stage's steps (`steps`, with `current` statuses)."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DateInput)
    online = forms.BooleanField(label=_("We met online"), required=False)
    place = forms.CharField(
        label=_("Where you met"), max_length=200, required=False, help_text=_("For example, the community hall.")
    )
    attendees = MembersField(
        label=_("Members who came"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everyone with an account who was there."),
    )
    others_present = forms.IntegerField(
        label=_("How many others came who have no account"), min_value=0, max_value=1000, initial=0
    )
    decisions = forms.CharField(
        label=_("What you decided"),
        required=False,
        max_length=MINUTES_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The minutes: what the group agreed. Members who came can propose a correction later."),
    )

    def __init__(self, *args, members, steps=(), current=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        self.steps = list(steps)
        current = current or {}
        for step in self.steps:
            status = current.get(step.pk, StepStatus.NOT_STARTED)
            self.fields[self.step_field_name(step)] = forms.ChoiceField(
                label=step.title,
                choices=STEP_CHOICES,
                required=False,
                help_text=_("Now: %(status)s") % {"status": StepStatus(status).label},
            )

    @staticmethod
    def step_field_name(step):
        return f"step_{step.pk}"

    def step_fields(self):
        return [self[self.step_field_name(step)] for step in self.steps]

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("The date of the meeting cannot be in the future."))
        return held_on

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("online") and not (cleaned.get("place") or "").strip():
            self.add_error("place", _("Say where you met, or tick “We met online”."))
        return cleaned

    def step_changes(self):
        return [
            (step, self.cleaned_data[self.step_field_name(step)])
            for step in self.steps
            if self.cleaned_data.get(self.step_field_name(step))
        ]


class ActionForm(forms.Form):
    """One row of actions: left empty, it is skipped."""

    text = forms.CharField(label=_("Action"), max_length=300, required=False)
    owner = MemberChoiceField(
        label=_("Who will do it"), queryset=None, required=False, empty_label=_("Choose a member")
    )
    owner_name = forms.CharField(label=_("Or the name of someone without an account"), max_length=100, required=False)
    due_on = forms.DateField(label=_("Due by"), required=False, widget=DateInput)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("text") or "").strip()
        owner, owner_name = cleaned.get("owner"), (cleaned.get("owner_name") or "").strip()
        if not text:
            if owner or owner_name or cleaned.get("due_on"):
                self.add_error("text", _("Say what the action is, or clear this row."))
            return cleaned
        if not owner and not owner_name:
            self.add_error("owner", _("Choose who will do it, or write their name."))
        if owner and owner_name:
            self.add_error("owner_name", _("Choose a member or write a name, not both."))
        if not cleaned.get("due_on") and "due_on" not in self.errors:
            self.add_error("due_on", _("Give the date it is due by."))
        return cleaned

    def as_action(self):
        """The row as the service takes it, or None for an empty row."""
        if not (self.cleaned_data.get("text") or "").strip():
            return None
        return {
            "text": self.cleaned_data["text"],
            "owner": self.cleaned_data.get("owner"),
            "owner_name": self.cleaned_data.get("owner_name", ""),
            "due_on": self.cleaned_data["due_on"],
        }


ActionFormSet = forms.formset_factory(ActionForm, extra=ACTION_ROWS, max_num=ACTION_ROWS, validate_max=True)


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("The decisions as they should read"),
        max_length=MINUTES_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    reason = forms.CharField(
        label=_("What was wrong"),
        max_length=500,
        required=False,
        help_text=_("A few words for the coordinator, for example “We agreed March, not May”."),
    )


class KeepAsEvidenceForm(forms.Form):
    evidence_type = forms.ChoiceField(
        label=_("What kind of minutes are these?"),
        choices=[
            (EvidenceType.OTHER, _("Minutes of a group meeting")),
            (EvidenceType.AGM_MINUTES, EvidenceType.AGM_MINUTES.label),
        ],
        initial=EvidenceType.OTHER,
        widget=forms.RadioSelect,
    )
