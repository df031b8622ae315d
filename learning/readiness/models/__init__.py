"""Readiness models: the capability framework, funders, sharing, self-assessment, evidence links and reviews."""

from .assessment import AgreedLevel, AssessmentRound, MemberRating, RoundKind
from .evidence import DeclinedEvidenceLink, EvidenceDomainLink
from .framework import DomainStep, Indicator, Level, MaturityLevel, ReadinessDomain, SuggestedEvidence, level_name
from .funders import FunderOrganisation, FunderRequirement, FunderThreshold
from .portfolio import PortfolioCount, PortfolioTally
from .reviews import Decision, DomainRating, ReadinessReview, ReviewReply
from .sharing import AccessKind, AccessLog, RequestStatus, ShareGrant, ShareRequest

__all__ = [
    "AccessKind",
    "AccessLog",
    "AgreedLevel",
    "AssessmentRound",
    "Decision",
    "DomainRating",
    "DomainStep",
    "DeclinedEvidenceLink",
    "EvidenceDomainLink",
    "FunderOrganisation",
    "FunderRequirement",
    "FunderThreshold",
    "Indicator",
    "Level",
    "MaturityLevel",
    "MemberRating",
    "PortfolioCount",
    "PortfolioTally",
    "ReadinessDomain",
    "ReadinessReview",
    "RequestStatus",
    "ReviewReply",
    "RoundKind",
    "ShareGrant",
    "ShareRequest",
    "SuggestedEvidence",
    "level_name",
]
