"""Models of the learning app: pathway pages, groups, progress, reflections and evidence."""

from .evidence import Evidence, Reflection
from .exports import ExportStatus, GroupExport
from .groups import AssignmentStatus, CommunityGroup, FacilitatorAssignment, Invitation, LegalForm, Membership, Role
from .notices import Notice, NoticeEmailChoice
from .pages import CompletionRule, PathwayIndexPage, PathwayPage, StagePage, StepKind, StepPage, StepRelatedLink
from .progress import (
    COMPLETE_STATUSES,
    ActivityEntry,
    ActivityVerb,
    Certificate,
    Enrolment,
    PathwayProgress,
    StepProgress,
    StepStatus,
)

__all__ = [
    "COMPLETE_STATUSES",
    "ActivityEntry",
    "ActivityVerb",
    "AssignmentStatus",
    "Certificate",
    "CommunityGroup",
    "CompletionRule",
    "Enrolment",
    "Evidence",
    "ExportStatus",
    "FacilitatorAssignment",
    "GroupExport",
    "Invitation",
    "LegalForm",
    "Membership",
    "Notice",
    "NoticeEmailChoice",
    "PathwayIndexPage",
    "PathwayPage",
    "PathwayProgress",
    "Reflection",
    "Role",
    "StagePage",
    "StepKind",
    "StepPage",
    "StepProgress",
    "StepRelatedLink",
    "StepStatus",
]
