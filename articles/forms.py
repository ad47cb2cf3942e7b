from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator

from .models import Article, Outlet


def plain_line_breaks(text: str) -> str:
    """Line breaks as "\n": browsers send a textarea's as "\r\n", and imports store "\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class BodyField(forms.CharField):
    """An article body edited in a textarea: its line breaks read back as stored, so a
    body nobody edited compares equal and is not rewritten (claim spans point into it)."""

    def to_python(self, value):
        return plain_line_breaks(super().to_python(value))


class ArticleAdminForm(forms.ModelForm):
    body = BodyField(
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        help_text=Article._meta.get_field("body").help_text,
    )

    class Meta:
        model = Article
        fields = ["body"]  # the admin adds the rest from its fieldsets


class PastedArticleForm(forms.Form):
    """An article's text as an editor pasted it, with what they know about it."""

    text = forms.CharField(
        label="Article text",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="As published, dateline included; promo lines and captions are taken out.",
    )
    outlet = forms.CharField(
        label="Outlet",
        max_length=200,
        help_text="Who wrote it; for wire copy another site carried: "
        "“Associated Press via Times Union”.",
    )
    published = forms.DateField(label="Published", widget=forms.DateInput(attrs={"type": "date"}))
    headline = forms.CharField(label="Headline", max_length=500, required=False)
    url = forms.URLField(
        label="URL",
        max_length=1000,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )

    def clean_text(self) -> str:
        # Browsers send a textarea's line breaks as CRLF; the text as pasted has plain ones.
        return plain_line_breaks(self.cleaned_data["text"])

    def article_arguments(self) -> dict:
        """Keyword arguments for services.import_pasted_text (all but editor)."""
        data = self.cleaned_data
        return {
            "text": data["text"],
            "outlet_name": data["outlet"],
            "published": data["published"],
            "headline": data["headline"],
            "url": data["url"],
        }


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class ArticleFilesField(forms.FileField):
    """One or many files; each one's content is judged by the importer, not here.

    Empty and oversized files pass, so that each gets its own message in the
    batch's results instead of one error for the whole upload.
    """

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None) -> list[UploadedFile]:
        files = [file for file in (data if isinstance(data, list | tuple) else [data]) if file]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super().clean(file, initial) for file in files]


class ArticleFilesForm(forms.Form):
    files = ArticleFilesField(
        label="Article files",
        help_text=".txt (the seeds' format), .html saved from a news site, or .json; "
        "the content decides, not the name.",
        error_messages={"required": "Choose at least one file to import."},
    )

    def clean_files(self) -> list[UploadedFile]:
        files = self.cleaned_data["files"]
        limit = settings.IMPORT_MAX_FILES
        if len(files) > limit:
            raise forms.ValidationError(
                f"{len(files)} files is too many at once: import at most {limit} at a time."
            )
        return files


class OutletRenameForm(forms.Form):
    name = forms.CharField(
        label="New name",
        max_length=200,
        help_text="The publication's name as readers know it; the old name stays as an alias.",
    )


class OutletMergeForm(forms.Form):
    into = forms.CharField(
        label="Merge into",
        max_length=200,
        help_text="The name (or an alias) of the outlet that stays; this outlet's articles, "
        "domains and aliases move to it.",
    )

    def clean_into(self) -> Outlet:
        name = " ".join(self.cleaned_data["into"].split())
        outlet = Outlet.objects.named(name).first()
        if outlet is None:
            raise forms.ValidationError(f'No outlet is called "{name}".')
        return outlet


class OutletSearchForm(forms.Form):
    q = forms.CharField(label="Find an outlet", max_length=200, required=False)
