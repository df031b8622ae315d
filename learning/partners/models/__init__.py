"""Models of partners: public bodies, asks and their stages, commitments, partner officers and their grants."""

from .asks import STAGE_ORDER, Ask, AskKind, Decision, SentHow, Stage, StageRecord
from .bodies import BodyKind, PublicBody
from .commitments import Commitment, CommitmentStatus, FourCosAnswer, ProgressNote, Side, WhoHeld
from .featured import FeaturedSummary
from .officers import PartnerAccessKind, PartnerAccessLog, PartnerContact, PartnerGrant

__all__ = [
    "STAGE_ORDER",
    "Ask",
    "AskKind",
    "BodyKind",
    "Commitment",
    "CommitmentStatus",
    "Decision",
    "FeaturedSummary",
    "FourCosAnswer",
    "PartnerAccessKind",
    "PartnerAccessLog",
    "PartnerContact",
    "PartnerGrant",
    "ProgressNote",
    "PublicBody",
    "SentHow",
    "Side",
    "Stage",
    "StageRecord",
    "WhoHeld",
]
