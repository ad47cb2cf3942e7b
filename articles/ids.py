"""Row ids as they arrive in URLs and forms: positive, and no larger than a database id.

Every table's id is a 64-bit integer (BigAutoField), on SQLite and PostgreSQL
alike. A larger number is no row's id, and SQLite's driver cannot even send it
to the database (OverflowError: a 500), so ids are bounded where they come in:
the `id` path converter answers 404 for any other number, IdField and IdsField
refuse one with a clear message (a 400 for the form's view), and an `__in`
lookup on an integer column leaves out the numbers it cannot hold.

It lives in articles because both apps use it and articles never imports
factcheck; articles' AppConfig.ready registers the converter and the lookup,
before any URLconf is read or query made.
"""

from django import forms
from django.db.models.lookups import In

MAX_ID = 2**63 - 1  # the largest BigAutoField value
TOO_LARGE = "That is not an id we use: ids are whole numbers from 1 to {max_id}."


def as_id(value) -> int:
    """The id a text or number stands for; ValueError unless 1 <= id <= MAX_ID."""
    text = str(value).strip()
    if isinstance(value, bool) or not (text.isascii() and text.isdigit() and len(text) <= 19):
        raise ValueError(f"{text[:40]!r} is not an id")
    number = int(text)
    if not 1 <= number <= MAX_ID:
        raise ValueError(f"{number} is not an id")
    return number


class IdConverter:
    """`<id:claim_id>`: a row id; any other number is not a URL of ours (404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        return as_id(value)

    def to_url(self, value) -> str:
        return str(as_id(value))


class IdField(forms.IntegerField):
    """A posted row id: a whole number from 1 to MAX_ID."""

    def __init__(self, **kwargs):
        messages = {
            "min_value": TOO_LARGE.format(max_id=MAX_ID),
            "max_value": TOO_LARGE.format(max_id=MAX_ID),
            **kwargs.pop("error_messages", {}),
        }
        super().__init__(min_value=1, max_value=MAX_ID, error_messages=messages, **kwargs)


class IdsField(forms.ModelMultipleChoiceField):
    """Several posted row ids of one queryset: any value that is no id is refused with
    the field's invalid_pk_value message before the database is asked."""

    def _check_values(self, value):
        for pk in value:
            try:
                as_id(pk)
            except (TypeError, ValueError):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                ) from None
        return super()._check_values(value)


class IntegerFieldIn(In):
    """`pk__in=[...]` with a number no such column can hold matches nothing, as Django's
    own exact, gt and lt lookups do, instead of SQLite's driver raising OverflowError
    (the admin's changelist filters and actions post ids straight into `pk__in`)."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            field_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(field_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
