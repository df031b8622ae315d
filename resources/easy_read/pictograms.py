"""The pictograms shipped for Easy Read rows: Twemoji pictures (CC BY 4.0), one SVG file each.

The files are in `static/resources/pictograms/`, copied from the npm package
`@iconify-json/twemoji` by `bin/extract-pictograms` (see the README beside the files). Each name
is the file's name without `.svg`; the label is what an editor picks from and a starting point for
the alternative text, which the editor still writes for each row.
"""

from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

STATIC_FOLDER = "resources/pictograms"

PICTOGRAMS = {
    "people-holding-hands": _("People together"),
    "busts-in-silhouette": _("A group of people"),
    "bust-in-silhouette": _("One person"),
    "handshake": _("Working together"),
    "speaking-head": _("Speaking"),
    "ear": _("Listening"),
    "speech-balloon": _("Talking"),
    "thought-balloon": _("Thinking"),
    "person-raising-hand": _("Asking a question or saying something"),
    "light-bulb": _("An idea"),
    "red-question-mark": _("A question"),
    "check-mark-button": _("Yes or done"),
    "cross-mark": _("No or wrong"),
    "thumbs-up": _("Good"),
    "memo": _("Writing things down"),
    "clipboard": _("A list"),
    "spiral-calendar": _("A date or a meeting"),
    "alarm-clock": _("Time"),
    "house": _("Home"),
    "houses": _("Where people live"),
    "classical-building": _("The council or a public service"),
    "hospital": _("Health services"),
    "school": _("School"),
    "pound-banknote": _("Money"),
    "balance-scale": _("Fair and equal"),
    "ballot-box-with-ballot": _("Voting or deciding"),
    "direct-hit": _("What we want to do"),
    "seedling": _("Starting and growing"),
    "chart-increasing": _("Getting better"),
    "person-in-manual-wheelchair": _("A disabled person"),
    "hot-beverage": _("A cup of tea"),
    "mobile-phone": _("A phone"),
    "envelope": _("A letter or an email"),
    "key": _("Important"),
    "red-heart": _("Caring"),
    "puzzle-piece": _("One part of something"),
    "warning": _("Be careful"),
    "open-book": _("Reading and learning"),
}


def pictogram_choices():
    """(name, label) pairs for a choice block, in the order above."""
    return list(PICTOGRAMS.items())


def pictogram_url(name):
    """The static URL of a shipped pictogram, or "" for a name that is not shipped."""
    return static(f"{STATIC_FOLDER}/{name}.svg") if name in PICTOGRAMS else ""
