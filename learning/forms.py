"""Forms people fill in on the learning pages."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .evidence_types import EvidenceType
from .identifiers import REGISTRATION_CHOICES, normalise_postcode, org_id, split_org_id
from .models import CommunityGroup, Evidence, Reflection, Role
from .uploads import allowed_extensions_text, check_evidence_file, without_image_metadata

# Addresses under /groups/ that are pages of their own, never a group's.
RESERVED_SLUGS = {"new", "join"}


class GroupForm(forms.ModelForm):
    """Starting a group: its details, and a web address made from its name."""

    class Meta:
        model = CommunityGroup
        fields = ["name", "place", "description", "legal_form"]
        labels = {"name": _("Your group's name"), "place": _("Where your group works")}
        # Radios, not a select: the long names of legal forms would be cut short on a phone.
        widgets = {"legal_form": forms.RadioSelect}
        help_texts = {
            "description": _("A sentence or two about what your group does."),
            "legal_form": _("Choose “None yet” if your group is not a registered organisation."),
        }

    def unique_slug(self):
        base = slugify(self.cleaned_data["name"])[:70] or "group"
        if base in RESERVED_SLUGS:
            base = f"{base}-group"
        slug, number = base, 2
        while CommunityGroup.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug


class GroupDetailsForm(forms.ModelForm):
    """A coordinator changing the group's details later: the same fields as starting it, the address kept,
    and where the group is registered (the identifier funders use) and its postcode."""

    registration = forms.ChoiceField(
        label=_("Where is your group registered?"),
        choices=REGISTRATION_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Funders use this number to match your group with their own records."),
    )
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=20,
        required=False,
        help_text=_("For example SC012345 for a Scottish charity. Leave blank if your group is not registered."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    # Longer than a postcode, so one typed with extra spaces is tidied rather than refused for its length.
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=20,
        required=False,
        help_text=_("Where your group meets or is based. Only funders you choose to share it with see it."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )

    class Meta(GroupForm.Meta):
        fields = [*GroupForm.Meta.fields, "postcode"]
        help_texts = {
            **GroupForm.Meta.help_texts,
            "name": _(
                "Changing the name does not change your group's web address, so links people have saved keep working."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and "org_id" in self.initial:
            code, number = split_org_id(self.initial["org_id"])
            self.initial.setdefault("registration", code)
            self.initial.setdefault("registration_number", number)

    def clean_postcode(self):
        try:
            return normalise_postcode(self.cleaned_data.get("postcode", ""))
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages, code="invalid_postcode") from error

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("registration", "")
        number = cleaned.get("registration_number", "").strip()
        if not code:
            if number:
                self.add_error(
                    "registration",
                    _("Choose where your group is registered, or clear the registration number."),
                )
            cleaned["org_id"] = ""
            return cleaned
        try:
            cleaned["org_id"] = org_id(code, number)
        except forms.ValidationError as error:
            self.add_error("registration_number", error)
        return cleaned

    def details(self):
        """The keyword arguments for `update_group_details`."""
        return {name: self.cleaned_data[name] for name in [*self.Meta.fields, "org_id"]}


class InvitationForm(forms.Form):
    label = forms.CharField(
        label=_("Who is it for?"),
        max_length=80,
        required=False,
        help_text=_(
            "For example “Mary from the lunch club”, so you know which link is whose. "
            "Only your group's coordinators see this."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("They will join as"), choices=Role.choices, initial=Role.MEMBER, widget=forms.RadioSelect
    )
    email = forms.EmailField(
        label=_("Their email address"),
        required=False,
        help_text=_(
            "Needed for a coordinator: then only the person who has confirmed this address can use the link. "
            "For a member you can leave it blank and send the link another way, for example by text message."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def clean_label(self):
        return " ".join(self.cleaned_data["label"].split())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.COORDINATOR and not cleaned.get("email") and "email" not in self.errors:
            self.add_error(
                "email",
                _("Type the email address of the person you invite: a coordinator link works only for them."),
            )
        return cleaned


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class TypedTextField(forms.CharField):
    """Text as typed, less the NUL bytes a person cannot mean (they are dropped, not refused)."""

    def to_python(self, value):
        return super().to_python(value.replace("\x00", "") if isinstance(value, str) else value)


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = Reflection
        fields = ["text"]
        field_classes = {"text": TypedTextField}
        labels = {"text": _("Your reflection")}
        help_texts = {"text": _("What did your group learn or decide? Your group's members can read this.")}


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["evidence_type", "title", "file", "note", "valid_until"]
        widgets = {"valid_until": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "note": _("Add a note instead of a file, or to explain the file."),
            "valid_until": _("For example the date an insurance policy runs out. Leave blank if it does not expire."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_type"].initial = EvidenceType.OTHER
        self.fields["file"].help_text = _("%(types)s. Files stay private to your group.") % {
            "types": allowed_extensions_text()
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            self.detected_content_type = check_evidence_file(upload)
            upload = without_image_metadata(upload, self.detected_content_type)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("note") and not self.errors:
            raise forms.ValidationError(_("Add a file or write a note."))
        return cleaned


class VerifyStepForm(forms.Form):
    """A facilitator verifying a step whose requested evidence is missing says why (kept in their name)."""

    reason = forms.CharField(
        label=_("Why are you verifying it without the evidence?"),
        max_length=1000,
        help_text=_(
            "For example “I have seen the signed bank mandate at the group's meeting”. "
            "The group can read this with your name on it."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why you are verifying this step without the evidence.")},
    )


class CaseloadFilterForm(forms.Form):
    """The caseload's filters and order (a GET form: anything not understood is left out, never an error)."""

    stalled = forms.BooleanField(label=_("Only groups that have stalled"), required=False)
    waiting = forms.BooleanField(label=_("Only groups with steps for you to verify"), required=False)
    pathway = forms.IntegerField(label=_("Pathway"), required=False, min_value=1)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[])

    def __init__(self, *args, sorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = list(sorts.items())

    def filters(self):
        """The filters asked for, with those not understood left at their defaults."""
        found = {"stalled": False, "waiting": False, "pathway": None, "sort": "name"}
        if self.is_bound:
            self.is_valid()
            found.update({name: value for name, value in self.cleaned_data.items() if value})
        return found
