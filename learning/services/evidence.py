"""Reflections and evidence a group keeps on its steps."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..group_versions import bump_groups
from ..models import ActivityVerb, Evidence, Reflection, StepEvidence
from ..uploads import without_image_metadata
from .progress import note_activity


def _as_typed(text):
    """A reflection's text kept as typed: plain text, never HTML (templates escape it when they show it).

    Only what a person cannot mean is changed: surrounding space, NUL bytes (PostgreSQL refuses them)
    and the CR LF line endings a browser sends, which become LF.
    """
    text = (text or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    limit = Reflection._meta.get_field("text").max_length
    if not text:
        raise ValidationError(_("Write your reflection."))
    if len(text) > limit:
        raise ValidationError(_("A reflection can be at most %(limit)d characters long.") % {"limit": limit})
    return text


@transaction.atomic
def add_reflection(*, group, step, by, text):
    if not permissions.can_work_on_steps(by, group):
        raise PermissionDenied
    reflection = Reflection.objects.create(group=group, step=step, author=by, text=_as_typed(text))
    note_activity(group=group, by=by, verb=ActivityVerb.REFLECTED, step=step)
    return reflection


@transaction.atomic
def edit_reflection(*, reflection, by, text):
    if not permissions.can_edit_reflection(by, reflection):
        raise PermissionDenied
    reflection.text = _as_typed(text)
    reflection.edited = timezone.now()
    reflection.save()
    return reflection


@transaction.atomic
def delete_reflection(*, reflection, by):
    if not permissions.can_edit_reflection(by, reflection):
        raise PermissionDenied
    reflection.delete()


@transaction.atomic
def set_reflection_hidden(*, reflection, by, hidden):
    if not permissions.can_hide_reflection(by, reflection):
        raise PermissionDenied
    Reflection.objects.filter(pk=reflection.pk).update(hidden=hidden)
    bump_groups(reflection.group_id)


@transaction.atomic
def add_evidence(*, group, by, step=None, content_type="", **fields):
    """Keep a file or a note in the group's evidence library (optionally on a step)."""
    if not permissions.can_add_evidence(by, group):
        raise PermissionDenied
    upload = fields.get("file")
    if upload:
        # Forms have done this already; callers that skip the form must not keep an image's location.
        fields["file"] = without_image_metadata(upload, content_type)
    evidence = Evidence(group=group, step=step, added_by=by, content_type=content_type if upload else "", **fields)
    if upload:
        evidence.original_filename = upload.name[:255]
    evidence.save()
    note_activity(group=group, by=by, verb=ActivityVerb.ADDED_EVIDENCE, step=step)
    return evidence


@transaction.atomic
def attach_evidence(*, evidence, step, by):
    """Count a piece the group already keeps for `step` too (pressed twice, or on its own step: no change).

    Returns True when the step gained it.
    """
    if not permissions.can_attach_evidence(by, evidence):
        raise PermissionDenied
    if evidence.step_id == step.pk:
        return False
    _attachment, created = StepEvidence.objects.get_or_create(
        evidence=evidence, step=step, defaults={"attached_by": by}
    )
    if created:
        note_activity(group=evidence.group, by=by, verb=ActivityVerb.ADDED_EVIDENCE, step=step)
    return created


@transaction.atomic
def remove_evidence(*, evidence, by):
    """Take evidence out of the library; the record stays (soft delete) and the file is deleted."""
    if not permissions.can_remove_evidence(by, evidence):
        raise PermissionDenied
    if evidence.file:
        evidence.file.delete(save=False)
    Evidence.objects.filter(pk=evidence.pk).update(removed_at=timezone.now(), file="")
    bump_groups(evidence.group_id)
