"""Where a story happened: Scotland's 32 council areas, plus Scotland-wide and outside Scotland.

One maintained list, reused by case studies and (in learning) by community groups.
"""

from django.utils.translation import gettext_lazy as _

SCOTLAND_WIDE = "scotland-wide"
OUTSIDE_SCOTLAND = "outside-scotland"

# Names people read, so in the language of the page: most council areas have a Gaelic name.
COUNCIL_AREAS = [
    ("aberdeen-city", _("Aberdeen City")),
    ("aberdeenshire", _("Aberdeenshire")),
    ("angus", _("Angus")),
    ("argyll-and-bute", _("Argyll and Bute")),
    ("city-of-edinburgh", _("City of Edinburgh")),
    ("clackmannanshire", _("Clackmannanshire")),
    ("dumfries-and-galloway", _("Dumfries and Galloway")),
    ("dundee-city", _("Dundee City")),
    ("east-ayrshire", _("East Ayrshire")),
    ("east-dunbartonshire", _("East Dunbartonshire")),
    ("east-lothian", _("East Lothian")),
    ("east-renfrewshire", _("East Renfrewshire")),
    ("falkirk", _("Falkirk")),
    ("fife", _("Fife")),
    ("glasgow-city", _("Glasgow City")),
    ("highland", _("Highland")),
    ("inverclyde", _("Inverclyde")),
    ("midlothian", _("Midlothian")),
    ("moray", _("Moray")),
    ("na-h-eileanan-siar", _("Na h-Eileanan Siar")),
    ("north-ayrshire", _("North Ayrshire")),
    ("north-lanarkshire", _("North Lanarkshire")),
    ("orkney-islands", _("Orkney Islands")),
    ("perth-and-kinross", _("Perth and Kinross")),
    ("renfrewshire", _("Renfrewshire")),
    ("scottish-borders", _("Scottish Borders")),
    ("shetland-islands", _("Shetland Islands")),
    ("south-ayrshire", _("South Ayrshire")),
    ("south-lanarkshire", _("South Lanarkshire")),
    ("stirling", _("Stirling")),
    ("west-dunbartonshire", _("West Dunbartonshire")),
    ("west-lothian", _("West Lothian")),
]

PLACE_CHOICES = [
    *COUNCIL_AREAS,
    (SCOTLAND_WIDE, _("Scotland-wide")),
    (OUTSIDE_SCOTLAND, _("Outside Scotland")),
]

_NAMES = dict(PLACE_CHOICES)


def place_name(code):
    """The name people read for a place code; an empty string for an unknown or blank code."""
    return str(_NAMES.get(code, ""))
