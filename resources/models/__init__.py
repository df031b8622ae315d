"""Page models of the resources app: guides and case studies."""

from .case_studies import (
    ACTIVITY_CHOICES,
    PARTNER_KIND_CHOICES,
    CaseStudyIndexPage,
    CaseStudyOutcome,
    CaseStudyPage,
    CaseStudyPartner,
    CaseStudyTheme,
)
from .guides import AUDIENCE_CHOICES, GuideIndexPage, GuidePage, GuideRelatedCaseStudy, GuideRelatedGuide, GuideTheme

__all__ = [
    "ACTIVITY_CHOICES",
    "AUDIENCE_CHOICES",
    "PARTNER_KIND_CHOICES",
    "CaseStudyIndexPage",
    "CaseStudyOutcome",
    "CaseStudyPage",
    "CaseStudyPartner",
    "CaseStudyTheme",
    "GuideIndexPage",
    "GuidePage",
    "GuideRelatedCaseStudy",
    "GuideRelatedGuide",
    "GuideTheme",
]
