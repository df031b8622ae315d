"""What a funder sees of a group's asks and commitments while the group shares them: a scope partners offers
through the core's `learning.funder_scopes`, registered in PartnersConfig.ready().

Readiness keeps the grant (the group ticks "Asks of public bodies and commitments" on its sharing page, off by
default), checks on every request that it is live and shares this scope, writes each view in the group's access
log and only then asks `funder_part`; so partners never imports readiness, nor readiness partners.
"""

from django.utils.translation import gettext_lazy as _

from learning.funder_scopes import FunderPart, FunderScope

from . import selectors

SCOPE_KEY = "partners"


def funder_part(viewer, group):
    """The group's asks (title, public body, kind, each stage's date, what is overdue) and the commitments made,
    with both sides' notes and the group's marks; never who recorded or wrote them, nor the access log."""
    return FunderPart(
        template="partners/includes/funder_asks.html",
        context={"asks": selectors.asks_for_funder(group)},
        stylesheet="partners/partners.css",
    )


SCOPE = FunderScope(
    key=SCOPE_KEY,
    label=_("asks of public bodies and commitments"),
    help_text=_(
        "What you asked of public bodies (each ask's title, the body, its kind, the date of each stage and "
        "anything overdue) and the commitments made, with both sides' notes and whether you marked each one "
        "kept. Names of who wrote them are not shown."
    ),
    part=funder_part,
)
