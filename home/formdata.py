"""Refuse form data that no page of the site can send: a 400 with the site's page, before any view runs.

Django already answers 400 for a broken multipart header, a body above ``DATA_UPLOAD_MAX_MEMORY_SIZE``,
more fields than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` and a url-encoded body declared in another charset
than UTF-8. It is lenient on the rest, and a form could then store what the visitor never typed:

- bytes that are not UTF-8 (Django reads them as U+FFFD, or reads the whole url-encoded body as Latin-1);
- a multipart body declared in another charset, or cut before its closing boundary (Django keeps the
  fields it got, the last one possibly truncated).

Our pages are UTF-8 and browsers send form data in the page's encoding, so such a request is a broken
client or a probe: it gets the 400 page. The Wagtail admin is left alone (staff only; it uploads images
and documents, which are not text and may be larger than the in-memory limit).
"""

import base64
import binascii
import codecs
from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
EXCLUDED_PREFIXES = ("/admin/",)


class FormDataCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.content_type in FORM_CONTENT_TYPES
            and request.method not in ("GET", "HEAD", "OPTIONS")
            and not request.path_info.startswith(EXCLUDED_PREFIXES)
        ):
            check_form_data(request)
        return self.get_response(request)


def _is_utf8(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def check_form_data(request):
    """Raise ``BadRequest`` (a 400) unless the body is UTF-8 form data, complete."""
    charset = request.content_params.get("charset")
    if charset:
        try:
            is_utf8 = codecs.lookup(charset).name == "utf-8"
        except LookupError:
            is_utf8 = False
        if not is_utf8:
            raise BadRequest("Form data must be UTF-8.")
    # Reading the body applies DATA_UPLOAD_MAX_MEMORY_SIZE (RequestDataTooBig, a 400).
    body = request.body
    if not body:
        return
    if request.content_type == "multipart/form-data":
        _check_multipart(body, request.content_params.get("boundary", ""))
    else:
        for pair in body.split(b"&"):
            for part in pair.split(b"=", 1):
                if not _is_utf8(unquote_to_bytes(part.replace(b"+", b" "))):
                    raise BadRequest("Form data is not valid UTF-8.")


def _check_multipart(body, boundary):
    if not boundary:
        return  # Django's parser refuses it with a 400
    delimiter = b"--" + boundary.encode("ascii", "replace")
    parts = body.split(delimiter)
    if not any(part.startswith(b"--") for part in parts[1:]):
        raise BadRequest("Multipart form data without its closing boundary.")
    for part in parts[1:]:
        if part.startswith(b"--"):
            break  # the closing boundary; what follows is ignored
        head, _, content = part.partition(b"\r\n\r\n")
        head_lower = head.lower()
        if b"filename=" in head_lower:
            continue  # a file's content is not text
        content = content.removesuffix(b"\r\n")
        if b"content-transfer-encoding: base64" in head_lower:
            try:
                content = base64.b64decode(content)
            except binascii.Error:
                raise BadRequest("Multipart field with broken base64.") from None
        if not (_is_utf8(head) and _is_utf8(content)):
            raise BadRequest("Form data is not valid UTF-8.")
