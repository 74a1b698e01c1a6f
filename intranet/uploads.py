"""Uploads are checked by their content, not only by their name.

Wagtail already opens every image it is given (its format must match its extension) and
limits size and pixels (WAGTAILIMAGES_* settings). Documents only had their extension
checked: `DocumentForm` (WAGTAILDOCS_DOCUMENT_FORM_BASE) also reads their first bytes, so that
a web page or a program renamed `.pdf` or `.txt` is refused with a clear error.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import IO

from django import forms
from django.core.files import File
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # Office, OpenDocument and Keynote files are zip archives
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "key": ZIP,
    "zip": ZIP,
    "rtf": (b"{\\rtf",),
}
TEXT = {"csv", "txt"}
HTML_STARTS = (b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml")


def _head(upload: IO[bytes], size: int = 8192) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def content_problem(upload: File[bytes]) -> str | None:
    """Why this file's content does not match its extension, or None when it does."""
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    head = _head(upload)
    if extension in SIGNATURES:
        if not head.startswith(SIGNATURES[extension]):
            return _("This file is not a real .%(ext)s file.") % {"ext": extension}
    elif extension in TEXT:
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if b"\x00" in head or stripped.startswith(HTML_STARTS):
            return _("A .%(ext)s file must be plain text.") % {"ext": extension}
    return None


class DocumentForm(BaseDocumentForm):
    def clean_file(self) -> File[bytes] | None:
        upload: File[bytes] | None = self.cleaned_data.get("file")
        # a new upload has a content type; an unchanged file on edit is the stored one
        if upload and hasattr(upload, "content_type"):
            problem = content_problem(upload)
            if problem:
                raise forms.ValidationError(problem, code="invalid_content")
        return upload
