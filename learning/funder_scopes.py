"""What other apps let a group share with a funder, beyond readiness's own progress, self-assessment and evidence.

Readiness keeps the grant (the keys a group chose, in `ShareGrant.more_scopes`) and its rules; an app with
something more to share (partners: the group's asks of public bodies and the commitments made) registers a
`FunderScope` through `register_scope` in its AppConfig.ready(). So readiness offers the box on the group's
sharing form and shows the part on the funder's page of the group only while that app is installed, and neither
app imports the other.

A scope's `part(viewer, group)` is called by readiness only after its own rules found a live grant sharing the
scope (`readiness.permissions.grant_shares`); it returns a `FunderPart` or None and must cost the same few
queries however much the group has recorded.
"""

from dataclasses import dataclass, field

_SCOPES = {}


@dataclass(frozen=True)
class FunderPart:
    """A section of the funder's page of a group: `template` rendered with `part` (this object) in its context,
    and `stylesheet` (a static path) linked in the page's head when given."""

    template: str
    context: dict = field(default_factory=dict)
    stylesheet: str = ""


@dataclass(frozen=True)
class FunderScope:
    """One more thing a group may share: `key` (stored on the grant), `label` (a few words, lower case, as
    "They can see: ..." lists it), `help_text` for the sharing form, and `part(viewer, group)` for the funder."""

    key: str
    label: str
    help_text: str
    part: object


def register_scope(scope):
    """Offer one more scope on every group's sharing form (called once from an AppConfig.ready(); again replaces)."""
    _SCOPES[scope.key] = scope


def scopes():
    """The scopes registered, in the order they were registered."""
    return list(_SCOPES.values())


def scope_for(key):
    """The registered scope with this key, or None (an app that registered it is no longer installed)."""
    return _SCOPES.get(key)
