"""Forms for self-assessment, evidence links, sharing and reviews (plain HTML, no JavaScript needed)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .. import funder_scopes
from ..permissions import has_confirmed_email
from .models import Decision, Level, ReadinessDomain, RoundKind
from .rating import Rag, check_override

LEVEL_CHOICES = [(value, label) for value, label in Level.choices]


class OpenRoundForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of round"), choices=RoundKind.choices, widget=forms.RadioSelect)


class MemberRatingsForm(forms.Form):
    """One member's own level and comment for every domain; a domain left blank is not rated."""

    def __init__(self, *args, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = list(domains)
        for domain in self.domains:
            self.fields[f"level_{domain.pk}"] = forms.TypedChoiceField(
                label=_("Your view of %(domain)s") % {"domain": domain.name},
                choices=[("", _("Not rated yet"))] + LEVEL_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{domain.pk}"] = forms.CharField(
                label=_("Comment on %(domain)s") % {"domain": domain.name},
                max_length=1000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def domain_fields(self):
        return [(domain, self[f"level_{domain.pk}"], self[f"comment_{domain.pk}"]) for domain in self.domains]

    def ratings(self):
        return {
            domain: (self.cleaned_data[f"level_{domain.pk}"], self.cleaned_data[f"comment_{domain.pk}"].strip())
            for domain in self.domains
        }


class AgreedLevelForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Agreed level"), choices=LEVEL_CHOICES, coerce=int, widget=forms.RadioSelect)
    strengths = forms.CharField(
        label=_("What we already have"),
        help_text=_("Start with the group's strengths in this area."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    next_steps = forms.CharField(
        label=_("What we will do next"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    reasons = forms.CharField(
        label=_("Why we agreed this level"),
        help_text=_("Especially where members' views differed."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class EvidenceDomainsForm(forms.Form):
    domains = forms.ModelMultipleChoiceField(
        label=_("Which areas does this evidence support?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, domains, **kwargs):
        """`domains`: the default-language domains, named in the person's language (readiness.selectors)."""
        super().__init__(*args, **kwargs)
        names = {domain.pk: domain.name for domain in domains}
        field = self.fields["domains"]
        field.queryset = ReadinessDomain.objects.canonical()
        field.label_from_instance = lambda domain: names.get(domain.pk, domain.name)


SCOPE_FIELDS = ("share_progress", "share_self_assessment", "share_evidence")


class GrantForm(forms.Form):
    """What a group shares with a funder and until when.

    The three things to share are boxes of which at least one is needed, so none is labelled
    "optional": the legend says "choose at least one" instead.
    """

    funder = forms.ModelChoiceField(label=_("Funder"), queryset=None, empty_label=_("Choose a funder"))
    share_progress = forms.BooleanField(
        label=_("Pathway progress"), help_text=_("Which pathways you are on and how far you have got."), required=False
    )
    share_self_assessment = forms.BooleanField(
        label=_("Self-assessment"),
        help_text=_("Your agreed level in each area, with your strengths, next steps and reasons."),
        required=False,
    )
    share_evidence = forms.BooleanField(
        label=_("Evidence list and files"),
        help_text=_(
            "The evidence linked to each area, and the files themselves (the Hub links evidence to the areas "
            "that ask for its type; you can change that in your evidence library). If you do not share it, "
            "the Hub suggests Red to the funder for every area where they ask for evidence, even if your "
            "group has it."
        ),
        required=False,
    )
    share_postcode = forms.BooleanField(
        label=_("Our postcode"),
        help_text=_(
            "So the funder can match your group with their own records. It is shared only with something else above."
        ),
        required=False,
    )
    share_until = forms.DateField(
        label=_("Share until"),
        help_text=_("The last day they can see it. Leave blank to share until you stop it."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, funder_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = funder_queryset
        # What other installed apps offer to share (partners: asks and commitments), each off until ticked.
        self.more_scopes = funder_scopes.scopes()
        for scope in self.more_scopes:
            self.fields[self.more_field_name(scope)] = forms.BooleanField(
                label=capfirst(scope.label), help_text=scope.help_text, required=False
            )

    @staticmethod
    def more_field_name(scope):
        return f"share_more_{scope.key}"

    def scope_fields(self):
        return [self[name] for name in SCOPE_FIELDS] + [self[self.more_field_name(scope)] for scope in self.more_scopes]

    def chosen_more_scopes(self):
        """The keys of the other apps' scopes the coordinator ticked."""
        return [scope.key for scope in self.more_scopes if self.cleaned_data.get(self.more_field_name(scope))]

    def clean_share_until(self):
        value = self.cleaned_data.get("share_until")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a date in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in SCOPE_FIELDS) and not self.chosen_more_scopes():
            raise forms.ValidationError(_("Choose at least one thing to share."))
        return cleaned

    @property
    def expires_at(self):
        """Sharing ends at the end of the chosen day, in the site's time zone."""
        value = self.cleaned_data.get("share_until")
        if value is None:
            return None
        next_day = datetime.datetime.combine(value + datetime.timedelta(days=1), datetime.time.min)
        return timezone.make_aware(next_day)


class FindableForm(forms.Form):
    findable = forms.BooleanField(
        label=_("Let funders find our group by its name or place"),
        help_text=_(
            "A funder's reviewer can then find your group and ask you to share. "
            "They see only your group's name and place until you choose to share."
        ),
        required=False,
    )


class FindGroupForm(forms.Form):
    q = forms.CharField(
        label=_("The group's name or place"),
        help_text=_("For example “Riverside” or “Fife”. Only groups that have chosen to be found are shown."),
        max_length=100,
        error_messages={"required": _("Type the group's name, or the place it works in.")},
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class ShareRequestForm(forms.Form):
    """The group a funder asks, chosen from the findable groups their search found, and a message."""

    group = forms.ModelChoiceField(
        label=_("Which group do you want to ask?"),
        queryset=None,
        error_messages={
            "required": _("Choose the group you want to ask."),
            "invalid_choice": _("No findable group matches your choice. Search again by the group's name or place."),
        },
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the group"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, group_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = group_queryset


class ReviewForm(forms.Form):
    """A rating per domain (defaulting to the Hub's suggestion), a decision, feedback and steps."""

    decision = forms.ChoiceField(label=_("Overall decision"), choices=Decision.choices, widget=forms.RadioSelect)
    feedback = forms.CharField(
        label=_("Feedback for the group"),
        help_text=_("Start with what the group does well, then what would help next."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    suggested_steps = forms.ModelMultipleChoiceField(
        label=_("Pathway steps you suggest"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, suggestions, step_queryset, **kwargs):
        self.suggestions = suggestions
        initial = kwargs.setdefault("initial", {})
        for domain, suggestion in suggestions.items():
            initial.setdefault(f"rating_{domain.pk}", suggestion.rating)
        super().__init__(*args, **kwargs)
        self.fields["suggested_steps"].queryset = step_queryset
        for domain in suggestions:
            self.fields[f"rating_{domain.pk}"] = forms.ChoiceField(
                label=_("Rating for %(domain)s") % {"domain": domain.name},
                choices=Rag.choices,
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{domain.pk}"] = forms.CharField(
                label=_("Why your rating for %(domain)s differs from the suggestion") % {"domain": domain.name},
                help_text=_("Needed only if you choose a different rating from the one suggested."),
                max_length=1000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"comment_{domain.pk}"] = forms.CharField(
                label=_("Comment on %(domain)s") % {"domain": domain.name},
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        for domain, suggestion in self.suggestions.items():
            final = cleaned.get(f"rating_{domain.pk}")
            if not final:
                continue
            try:
                check_override(suggested=suggestion.rating, final=final, reason=cleaned.get(f"reason_{domain.pk}"))
            except forms.ValidationError as error:
                self.add_error(f"reason_{domain.pk}", error)
        return cleaned

    def domain_fields(self):
        return [
            (domain, suggestion, self[f"rating_{domain.pk}"], self[f"reason_{domain.pk}"], self[f"comment_{domain.pk}"])
            for domain, suggestion in self.suggestions.items()
        ]

    def ratings(self):
        return {
            domain: (
                self.cleaned_data[f"rating_{domain.pk}"],
                self.cleaned_data[f"reason_{domain.pk}"].strip(),
                self.cleaned_data[f"comment_{domain.pk}"].strip(),
            )
            for domain in self.suggestions
        }


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))


class FunderOrganisationAdminForm(WagtailAdminModelForm):
    """The admin's funder form: only people who have confirmed their email address can be reviewers.

    A reviewer reads every group that shares with the funder, so an account registered with someone
    else's address (before its owner did) must never be picked because the address looks right.
    """

    def clean_reviewers(self):
        reviewers = self.cleaned_data.get("reviewers")
        if reviewers is None:
            return reviewers
        already = set(self.instance.reviewers.values_list("pk", flat=True)) if self.instance.pk else set()
        unconfirmed = [person for person in reviewers if person.pk not in already and not has_confirmed_email(person)]
        if unconfirmed:
            raise forms.ValidationError(
                _(
                    "%(people)s cannot be a reviewer yet: they have not confirmed their email address. "
                    "Ask them to open the link we emailed them (they can ask for a new one on their account page), "
                    "then add them again."
                )
                % {"people": ", ".join(f"{person} ({person.email})" for person in unconfirmed)}
            )
        return reviewers


class CohortForm(forms.Form):
    """The funder's choice of how long without progress makes a group "quiet" on the cohort page (a GET form)."""

    DEFAULT_DAYS = 60

    days = forms.IntegerField(
        label=_("Count a group as quiet after how many days without pathway progress?"),
        help_text=_("A number of days from 1 to 730. We start with 60."),
        min_value=1,
        max_value=730,
        error_messages={
            "required": _("Enter a number of days, such as 60."),
            "invalid": _("Enter the number of days as a whole number, such as 60."),
            "min_value": _("Enter at least 1 day."),
            "max_value": _("Enter at most 730 days (two years)."),
        },
        # Text with a numeric keyboard, as GOV.UK asks for numbers: what was typed comes back as typed.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )

    def days_or_default(self):
        return self.cleaned_data["days"] if self.is_bound and self.is_valid() else self.DEFAULT_DAYS
