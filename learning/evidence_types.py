"""The one list of evidence types a group can keep (used by steps, evidence and readiness)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceType(models.TextChoices):
    CONSTITUTION = "constitution", _("Constitution or governing document")
    COMMITTEE_LIST = "committee_list", _("Committee list")
    AGM_MINUTES = "agm_minutes", _("AGM minutes")
    CONFLICTS_REGISTER = "conflicts_register", _("Conflicts of interest register")
    BANK_MANDATE = "bank_mandate", _("Bank mandate")
    ACCOUNTS = "accounts", _("Accounts or 12-month projection")
    BUDGET = "budget", _("Budget")
    SAFEGUARDING_POLICY = "safeguarding_policy", _("Safeguarding policy")
    SAFEGUARDING_LEAD = "safeguarding_lead", _("Named safeguarding lead")
    CODE_OF_CONDUCT = "code_of_conduct", _("Code of conduct")
    RISK_ASSESSMENT = "risk_assessment", _("Risk assessment")
    INSURANCE = "insurance", _("Insurance certificate")
    EQUALITIES_POLICY = "equalities_policy", _("Equalities policy")
    DATA_PROTECTION_POLICY = "data_protection_policy", _("Data protection policy")
    VOLUNTEER_POLICY = "volunteer_policy", _("Volunteer policy")
    PARTNERSHIP_AGREEMENT = "partnership_agreement", _("Partnership agreement")
    LETTERS_OF_SUPPORT = "letters_of_support", _("Letters of support")
    ANNUAL_REPORT = "annual_report", _("Annual report")
    MONITORING_RECORDS = "monitoring_records", _("Monitoring records")
    OTHER = "other", _("Other")


# Types that usually go out of date, so the form asks for a "valid until" date.
USUALLY_EXPIRES = frozenset(
    {
        EvidenceType.ACCOUNTS,
        EvidenceType.BUDGET,
        EvidenceType.INSURANCE,
        EvidenceType.SAFEGUARDING_POLICY,
        EvidenceType.RISK_ASSESSMENT,
    }
)
