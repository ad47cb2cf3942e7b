from django import forms

from articles.ids import IdField, IdsField

from .models import NOTE_MAX_LENGTH, Claim, Status

CHOOSE_A_STATUS = "Choose Confirmed, Disputed or Unsourced."


class NoteField(forms.CharField):
    """Browsers send line breaks as CRLF; count them as one character, as typed."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class VerdictForm(forms.Form):
    """An editor's decision on one claim, as posted from the claim panel."""

    status = forms.ChoiceField(
        choices=Status.choices,
        error_messages={"required": CHOOSE_A_STATUS, "invalid_choice": CHOOSE_A_STATUS},
    )
    note = NoteField(
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": "The note is too long: at most %(limit_value)d characters "
            "(it has %(show_value)d)."
        },
    )
    note_is_internal = forms.BooleanField(required=False, initial=True)
    cited_evidence = IdsField(
        queryset=None,
        required=False,
        error_messages={
            "invalid_choice": "Cited evidence must be passages shown for this claim.",
            "invalid_pk_value": "Cited evidence must be passages shown for this claim.",
        },
    )
    seen_verdict = IdField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim = claim
        self.fields["cited_evidence"].queryset = claim.evidence.all()

    def verdict_arguments(self) -> dict:
        """Keyword arguments for services.record_verdict (all but claim and reviewer)."""
        data = self.cleaned_data
        return {
            "status": data["status"],
            "note": data["note"],
            "note_is_internal": data["note_is_internal"],
            "cited_evidence": list(data["cited_evidence"]),
            "seen_verdict_id": data["seen_verdict"],
        }


class PublicationForm(forms.Form):
    """The verdict an editor confirmed for publishing: the claim's newest when shown."""

    verdict = IdField(
        widget=forms.HiddenInput,
        error_messages={"required": "Say which verdict to publish."},
    )
