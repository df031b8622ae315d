"""The role matrix's rows for readiness (assessment, evidence, sharing with funders, reviews): every role asks for every URL with group A's real ids (rows.py)."""

import pytest

from .rows import ROLES, cases_of, try_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
@cases_of("readiness")
def test_role_matrix(as_role, secured, case, role):
    try_case(as_role, secured, case, role)
