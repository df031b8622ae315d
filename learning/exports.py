"""Spreadsheet exports that cannot run what people typed: one cell helper and a mixin for Wagtail's exports.

Group names, titles and other text come from anyone who signs up. A spreadsheet program treats a cell
starting with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, so an export
opened by staff or a funder could run `=HYPERLINK(...)` on their machine. Every CSV and XLSX the apps
write passes each cell through `spreadsheet_safe`.
"""

import datetime
import decimal

# The characters OWASP lists as starting a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Values a spreadsheet reads as data, never as a formula; XLSX keeps them as numbers and dates.
_TYPED = (bool, int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta)


def spreadsheet_safe(value):
    """The value as a cell no spreadsheet runs: text that could start a formula gets a leading `'`.

    None, numbers and dates are returned unchanged (a real -2 is a number, not a formula); anything
    else becomes text.
    """
    if value is None or isinstance(value, _TYPED):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SpreadsheetSafeExportMixin:
    """For Wagtail views with `list_export` (ReportView, ModelViewSet and snippet index views).

    Put it before the Wagtail view class. It works on the value Wagtail is about to write, after
    Wagtail's own preprocessing, so it covers CSV and XLSX, every field, and any
    `custom_field_preprocess` a view adds.
    """

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))
