"""The Hub's suggested red / amber / green rating for one domain of a funder's review, as pure functions.

Red where evidence the funder requires for the domain is missing or has expired; amber where it is
all there but the group's agreed level is below the funder's threshold (or not known); green
otherwise. A reviewer may give another rating, but only with a written reason.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rag(models.TextChoices):
    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")


@dataclass(frozen=True)
class EvidenceFact:
    """What the rule needs to know about one piece of evidence."""

    evidence_type: str
    valid_until: date | None = None

    def is_current(self, today):
        # "Valid until" includes the day itself.
        return self.valid_until is None or self.valid_until >= today


@dataclass(frozen=True)
class Suggestion:
    rating: str
    missing: tuple = field(default_factory=tuple)
    expired: tuple = field(default_factory=tuple)
    below_threshold: bool = False


def suggest_rating(*, required_types, evidence, agreed_level, threshold, today):
    """Suggest a rating from the evidence types required, the evidence held and the agreed level.

    `required_types`: evidence types the funder requires for this domain.
    `evidence`: EvidenceFact items the funder may see.
    `agreed_level`: the group's agreed level (1-4) or None when not agreed or not shared.
    `threshold`: the funder's minimum level for the domain, or None when it sets none.
    """
    missing, expired = [], []
    for evidence_type in dict.fromkeys(required_types):
        held = [fact for fact in evidence if fact.evidence_type == evidence_type]
        if not held:
            missing.append(evidence_type)
        elif not any(fact.is_current(today) for fact in held):
            expired.append(evidence_type)
    below = threshold is not None and (agreed_level is None or agreed_level < threshold)
    if missing or expired:
        rating = Rag.RED
    elif below:
        rating = Rag.AMBER
    else:
        rating = Rag.GREEN
    return Suggestion(rating=rating, missing=tuple(missing), expired=tuple(expired), below_threshold=below)


def check_override(*, suggested, final, reason):
    """A final rating that differs from the suggestion needs a written reason."""
    if final != suggested and not (reason or "").strip():
        raise ValidationError(
            _("Say why you gave a different rating from the one the Hub suggested."), code="override_reason"
        )
