"""Where a story happened: Scotland's 32 council areas, plus Scotland-wide and outside Scotland.

One maintained list, reused by case studies and (in learning) by community groups.
"""

from django.utils.translation import gettext_lazy as _

SCOTLAND_WIDE = "scotland-wide"
OUTSIDE_SCOTLAND = "outside-scotland"

COUNCIL_AREAS = [
    ("aberdeen-city", "Aberdeen City"),
    ("aberdeenshire", "Aberdeenshire"),
    ("angus", "Angus"),
    ("argyll-and-bute", "Argyll and Bute"),
    ("city-of-edinburgh", "City of Edinburgh"),
    ("clackmannanshire", "Clackmannanshire"),
    ("dumfries-and-galloway", "Dumfries and Galloway"),
    ("dundee-city", "Dundee City"),
    ("east-ayrshire", "East Ayrshire"),
    ("east-dunbartonshire", "East Dunbartonshire"),
    ("east-lothian", "East Lothian"),
    ("east-renfrewshire", "East Renfrewshire"),
    ("falkirk", "Falkirk"),
    ("fife", "Fife"),
    ("glasgow-city", "Glasgow City"),
    ("highland", "Highland"),
    ("inverclyde", "Inverclyde"),
    ("midlothian", "Midlothian"),
    ("moray", "Moray"),
    ("na-h-eileanan-siar", "Na h-Eileanan Siar"),
    ("north-ayrshire", "North Ayrshire"),
    ("north-lanarkshire", "North Lanarkshire"),
    ("orkney-islands", "Orkney Islands"),
    ("perth-and-kinross", "Perth and Kinross"),
    ("renfrewshire", "Renfrewshire"),
    ("scottish-borders", "Scottish Borders"),
    ("shetland-islands", "Shetland Islands"),
    ("south-ayrshire", "South Ayrshire"),
    ("south-lanarkshire", "South Lanarkshire"),
    ("stirling", "Stirling"),
    ("west-dunbartonshire", "West Dunbartonshire"),
    ("west-lothian", "West Lothian"),
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
