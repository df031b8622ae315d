"""Identifiers funders use for a group: org-id (https://org-id.guide) list codes and their number formats.

A registered group's identifier is the list code and its number on that list (`GB-SC-SC012345`); a group
with no registration gets the Hub's own, from its database id, which never changes and is never reused.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import conf


@dataclass(frozen=True)
class RegistrationList:
    code: str
    name: str
    pattern: str
    example: str
    error: str

    def normalise(self, number):
        number = re.sub(r"[\s\-]", "", str(number)).upper()
        if self.code == "GB-COH" and number.isdigit() and len(number) < 8:
            # Companies House numbers are eight characters; people often leave out the leading zeros.
            number = number.zfill(8)
        return number

    def matches(self, number):
        return re.fullmatch(self.pattern, number) is not None


REGISTRATION_LISTS = (
    RegistrationList(
        code="GB-SC",
        name=_("Scottish charity (OSCR)"),
        pattern=r"SC\d{6}",
        example="SC012345",
        error=_("A Scottish charity number is SC followed by 6 numbers, for example SC012345."),
    ),
    RegistrationList(
        code="GB-COH",
        name=_("Company (Companies House)"),
        pattern=r"[A-Z]{2}\d{6}|\d{8}",
        example="SC123456",
        error=_(
            "A company number is 8 characters: 8 numbers, or 2 letters and 6 numbers, for example 01234567 or SC123456."
        ),
    ),
    RegistrationList(
        code="GB-CHC",
        name=_("Charity in England and Wales (Charity Commission)"),
        pattern=r"\d{6,8}",
        example="1070468",
        error=_("A Charity Commission number is 6 to 8 numbers, for example 1070468."),
    ),
    RegistrationList(
        code="GB-MPR",
        name=_("Co-operative or community benefit society (FCA Mutuals Public Register)"),
        pattern=r"\d{1,6}R?|RS\d{6}",
        example="2345R",
        error=_(
            "A society's register number is up to 6 numbers, which may end in R, or RS and 6 numbers, "
            "for example 2345R or RS007123."
        ),
    ),
)
LISTS_BY_CODE = {item.code: item for item in REGISTRATION_LISTS}
REGISTRATION_CHOICES = [("", _("Not registered"))] + [(item.code, item.name) for item in REGISTRATION_LISTS]
ORG_ID_PATTERN = re.compile(
    r"^(?P<code>" + "|".join(re.escape(code) for code in LISTS_BY_CODE) + r")-(?P<number>[A-Z0-9]+)$"
)


def org_id(code, number):
    """The org-id identifier for `number` on the list `code`, or ValidationError saying how it should look."""
    registration_list = LISTS_BY_CODE.get(code)
    if registration_list is None:
        raise ValidationError(_("Choose where your group is registered."), code="unknown_list")
    normalised = registration_list.normalise(number)
    if not normalised:
        raise ValidationError(_("Enter your group's registration number."), code="required")
    if not registration_list.matches(normalised):
        raise ValidationError(registration_list.error, code="invalid")
    return f"{code}-{normalised}"


def split_org_id(value):
    """(list code, number) of a stored org-id identifier; ("", "") for an unregistered group."""
    match = ORG_ID_PATTERN.match(value or "")
    return (match["code"], match["number"]) if match else ("", "")


def validate_org_id(value):
    """A stored identifier is one of the lists the Hub knows, with a number in that list's format."""
    code, number = split_org_id(value)
    if not code or not LISTS_BY_CODE[code].matches(number):
        raise ValidationError(_("This is not an identifier the Hub recognises."), code="invalid")


def hub_identifier(group_id):
    """The identifier of a group with no registration: the Hub's prefix and the group's id."""
    return f"{conf.group_identifier_prefix()}-{group_id}"


UK_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")


def normalise_postcode(value):
    """A UK postcode in capitals with one space before the last three characters, or ValidationError."""
    compact = re.sub(r"\s+", "", str(value or "")).upper()
    if not compact:
        return ""
    match = UK_POSTCODE.match(compact)
    if match is None:
        raise ValidationError(_("Enter a UK postcode, for example EH1 1AA."), code="invalid_postcode")
    return f"{match[1]} {match[2]}"
