"""Forms for asks, stages, commitments, notes and partner officers (plain HTML, no JavaScript needed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AskKind, CommitmentStatus, Decision, PublicBody, SentHow, Stage, WhoHeld

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class AskForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Public body"), queryset=PublicBody.objects.all(), empty_label=_("Choose a public body")
    )
    title = forms.CharField(label=_("Short title"), max_length=120, help_text=_("For example “Damp in our flats”."))
    issue = forms.CharField(
        label=_("The issue, in your own words"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    outcome = forms.CharField(
        label=_("The outcome you want to improve"),
        help_text=_("What would be better for people if this changed?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of request"),
        choices=AskKind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A participation request is a formal request under the Community Empowerment (Scotland) Act 2015. "
            "The public body must decide within 30 working days of accepting it as valid."
        ),
    )
    sent_on = forms.DateField(label=_("Date you sent it"), widget=DATE_INPUT)
    sent_how = forms.ChoiceField(label=_("How you sent it"), choices=SentHow.choices, widget=forms.RadioSelect)
    decision_working_days = forms.IntegerField(
        label=_("Working days for the decision"),
        min_value=30,
        max_value=365,
        initial=30,
        required=False,
        help_text=_("30 by law. Change it only if you agreed a longer period with the public body."),
    )


class StageForm(forms.Form):
    """One stage of a participation request; `stage` is fixed by the page (the next one to record)."""

    happened_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    decision = forms.ChoiceField(
        label=_("The public body's decision"), choices=Decision.choices, widget=forms.RadioSelect, required=False
    )
    reasons = forms.CharField(
        label=_("Reasons or notes"),
        help_text=_("If the public body refused, give the reasons it gave."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage = stage
        self.fields["happened_on"].label = _("Date: %(stage)s") % {"stage": Stage(stage).label}
        if stage == Stage.DECIDED:
            self.fields["decision"].required = True
        else:
            del self.fields["decision"]


class CommitmentForm(forms.Form):
    what = forms.CharField(
        label=_("What the public body agreed to do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_on = forms.DateField(label=_("By when"), widget=DATE_INPUT)
    owner = forms.CharField(label=_("Who owns it"), max_length=200, help_text=_("A person or team at the public body."))


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Add a note on progress"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class MarkForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Was it kept?"),
        choices=[choice for choice in CommitmentStatus.choices if choice[0] != CommitmentStatus.OPEN],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Why?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class InviteOfficerForm(forms.Form):
    """Invite a named officer and choose what their body may see (at least one of the two)."""

    body = forms.ModelChoiceField(
        label=_("Public body"), queryset=PublicBody.objects.all(), empty_label=_("Choose a public body")
    )
    name = forms.CharField(label=_("Officer's name"), max_length=120)
    email = forms.EmailField(
        label=_("Officer's work email address"),
        help_text=_("Only the person who has confirmed this address can accept the invitation."),
    )
    share_asks = forms.BooleanField(label=_("Your asks of this body and their stages"), required=False, initial=True)
    share_commitments = forms.BooleanField(
        label=_("The commitments it made and both sides' notes on them"), required=False, initial=True
    )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("share_asks") or cleaned.get("share_commitments")):
            raise forms.ValidationError(_("Choose at least one thing to share."))
        return cleaned


class FourCosForm(forms.Form):
    """One side's answer to the Four Co's: each question answered community, service or both together."""

    commissioned = forms.ChoiceField(
        label=_("Who decided what was needed?"), choices=WhoHeld.choices, widget=forms.RadioSelect
    )
    designed = forms.ChoiceField(label=_("Who designed it?"), choices=WhoHeld.choices, widget=forms.RadioSelect)
    delivered = forms.ChoiceField(label=_("Who delivered it?"), choices=WhoHeld.choices, widget=forms.RadioSelect)
    assessed = forms.ChoiceField(label=_("Who assessed it?"), choices=WhoHeld.choices, widget=forms.RadioSelect)


class PublishForm(forms.Form):
    comment = forms.CharField(
        label=_("Your one-line comment"),
        max_length=200,
        required=False,
        help_text=_("Shown with the summary, for example “Good progress, slower than promised”."),
    )


class LetterForm(forms.Form):
    text = forms.CharField(label=_("Your letter"), max_length=10000, widget=forms.Textarea(attrs={"rows": 24}))
