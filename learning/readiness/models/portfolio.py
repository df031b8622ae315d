"""What each funder's portfolio counts: its live grants by place and decision, kept so the page never scans them.

`services.portfolio_counts` recounts a funder's rows from its grants in the transaction of every write
that changes what they count, and again once the earliest expiry among the grants counted has passed.
No one edits or reads these rows by name, so their labels are not translated.
"""

from django.db import models

from .funders import FunderOrganisation

#: The place or decision of the rows that count every place, or every decision (the page without that filter).
ANY = "*"


class PortfolioTally(models.Model):
    """When a funder's portfolio counts were made, until when they hold, and the places they found."""

    funder = models.OneToOneField(
        FunderOrganisation, primary_key=True, on_delete=models.CASCADE, related_name="portfolio_tally"
    )
    counted_at = models.DateTimeField("counted at")
    # The earliest expiry among the grants counted: from then on the counts are made again before they are read.
    good_until = models.DateTimeField("good until", null=True, blank=True)
    places = models.JSONField("places", default=list, blank=True)

    class Meta:
        verbose_name = "portfolio tally"

    def __str__(self):
        return f"{self.funder} at {self.counted_at:%Y-%m-%d %H:%M}"


class PortfolioCount(models.Model):
    """How many groups sharing with the funder are in one place with one latest decision (`ANY` for all), and
    how many of them are at each agreed level in each area ({domain id: {level: groups}})."""

    tally = models.ForeignKey(PortfolioTally, on_delete=models.CASCADE, related_name="counts")
    place = models.CharField("place", max_length=40, blank=True)
    decision = models.CharField("latest decision", max_length=20, blank=True)
    groups = models.PositiveIntegerField("groups")
    levels = models.JSONField("groups at each level", default=dict, blank=True)

    class Meta:
        verbose_name = "portfolio count"
        constraints = [
            models.UniqueConstraint(fields=["tally", "place", "decision"], name="readiness_one_portfolio_count")
        ]

    def __str__(self):
        return f"{self.tally_id} {self.place}/{self.decision}: {self.groups}"
