"""Forms of the public pages: listing filters, search and "Tell your story"."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from . import conf
from .images import ImageProblem, strip_image_metadata
from .models import ACTIVITY_CHOICES, AUDIENCE_CHOICES
from .places import PLACE_CHOICES

ANY = [("", _("Any"))]
# Photo formats we keep, checked from the file's content, not its name: the three every browser
# shows, and HEIF (HEIC is the iPhone's kind), which `strip_image_metadata` turns into a JPEG.
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "HEIF": "image/heic"}
# What the file chooser offers; a phone's own names for its HEIC photos too.
PHOTO_ACCEPT = ",".join([*PHOTO_FORMATS.values(), "image/heif", ".heic", ".heif"])
PHOTO_KINDS = _("a JPEG, PNG or WebP image, or a photo from an iPhone (HEIC)")
MAX_PHOTO_PIXELS = 40_000_000


class FilterForm(forms.Form):
    """A GET filter form; choices for themes are the themes in use, passed in by the listing."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data=None, *, themes=()):
        super().__init__(data)
        self.fields["theme"].choices = ANY + [(tag.slug, tag.name) for tag in themes]

    def selected(self):
        """The valid filter values chosen, leaving out any that did not validate."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}


class GuideFilterForm(FilterForm):
    audience = forms.ChoiceField(label=_("Who it is for"), required=False, choices=ANY + AUDIENCE_CHOICES)


class CaseStudyFilterForm(FilterForm):
    place = forms.ChoiceField(label=_("Place"), required=False, choices=ANY + PLACE_CHOICES)
    activity = forms.ChoiceField(label=_("Kind of co-production"), required=False, choices=ANY + ACTIVITY_CHOICES)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=200)


class StoryForm(forms.Form):
    title = forms.CharField(
        label=_("Give your story a title"),
        max_length=120,
        help_text=_("For example: Parents and the council redesign the school run."),
    )
    group_name = forms.CharField(
        label=_("Your group's name"), max_length=160, help_text=_("We will name your group when we publish the story.")
    )
    place = forms.ChoiceField(label=_("Where did it happen?"), choices=[("", _("Choose a place"))] + PLACE_CHOICES)
    activities = forms.MultipleChoiceField(
        label=_("What did you do together?"),
        choices=[
            ("co_commissioning", _("Co-commissioning: we decided together what was needed and who would provide it")),
            ("co_design", _("Co-design: we planned or designed a service together")),
            ("co_delivery", _("Co-delivery: we ran or delivered something together")),
            ("co_assessment", _("Co-assessment: we checked together how well it worked")),
        ],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose all that apply."),
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Who did what, and how you worked with the service. Plain text; leave a blank line between paragraphs."
        ),
    )
    what_changed = forms.CharField(
        label=_("What changed?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For people, for your group and for the service."),
    )
    who_was_involved = forms.CharField(
        label=_("Who else was involved?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Other groups, services or organisations. Put each one on its own line."),
    )
    photo = forms.FileField(
        label=_("A photo"),
        required=False,
        help_text=_(
            "A JPEG, PNG or WebP image, or a photo from an iPhone. Only send a photo if everyone in it has agreed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT}),
    )
    photo_alt = forms.CharField(
        label=_("Describe the photo"),
        max_length=250,
        required=False,
        help_text=_("What the photo shows, for people who cannot see it. Needed if you send a photo."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the Hub may publish this story on its website, naming our group."),
        help_text=_(
            "Our editors will check the story with you before it is published. "
            "You can ask us to take it down at any time."
        ),
    )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        limit = conf.story_max_upload_bytes()
        if photo.size > limit:
            raise forms.ValidationError(
                _("The photo is too big. Send one smaller than %(size)s.") % {"size": filesizeformat(limit)}
            )
        unreadable = _("The file is not a photo we can read. Send %(kinds)s.") % {"kinds": PHOTO_KINDS}
        try:
            photo.seek(0)
            with Image.open(photo) as image:
                image_format = image.format
                width, height = image.size
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise forms.ValidationError(unreadable) from None
        if image_format not in PHOTO_FORMATS:
            raise forms.ValidationError(
                _("Send the photo as a JPEG, PNG or WebP image, or as a photo from an iPhone (HEIC).")
            )
        if width * height > MAX_PHOTO_PIXELS:
            raise forms.ValidationError(_("The photo has too many pixels. Send a smaller version of it."))
        # Decoding every pixel both finds a broken file and lets the location and other metadata go
        # before anything is stored.
        try:
            return strip_image_metadata(photo, max_pixels=MAX_PHOTO_PIXELS)
        except ImageProblem:
            raise forms.ValidationError(unreadable) from None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not (cleaned.get("photo_alt") or "").strip():
            self.add_error("photo_alt", _("Describe the photo for people who cannot see it."))
        if self.errors and cleaned.get("photo"):
            # Everything typed comes back, but a browser never refills a file box: say so beside it
            # (on the bound field, which has already copied the field's help text).
            self["photo"].help_text = _(
                "Your photo was fine, but it could not be kept while something else needs fixing: "
                "choose it again before you send your story."
            )
        return cleaned
