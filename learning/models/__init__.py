"""Models of the learning app: pathway pages, groups, progress, reflections and evidence."""

from .evidence import Evidence, Reflection, StepEvidence
from .exports import ExportStatus, GroupExport
from .groups import AssignmentStatus, CommunityGroup, FacilitatorAssignment, Invitation, LegalForm, Membership, Role
from .notices import Notice, NoticeEmailChoice
from .pages import (
    CompletionRule,
    PathwayIndexPage,
    PathwayPage,
    StagePage,
    StepKind,
    StepPage,
    StepRelatedLink,
    in_default_language,
)
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
    "in_default_language",
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
    "StepEvidence",
    "StepPage",
    "StepProgress",
    "StepRelatedLink",
    "StepStatus",
]
