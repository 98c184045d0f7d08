"""Unauthenticated memory exhaustion (issue 10, item 3): an over-size request is refused from its
headers, before any of its body is read; uploads within the limit go to a temporary file."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

from upstander.accounts.models import Organisation
from upstander.reports import services

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class CountingInput(io.RawIOBase):
    """A request body of `size` bytes that counts what is read from it (and makes none of it)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self.size - self.read_bytes)
        buffer[:n] = b"x" * n
        self.read_bytes += n
        return n


def _call(path: str, *, content_type: str, length: int) -> tuple[int, dict[str, str], bytes, CountingInput]:
    body = CountingInput(length)
    environ = RequestFactory().generic("POST", path).environ
    environ.update(
        {"wsgi.input": body, "CONTENT_LENGTH": str(length), "CONTENT_TYPE": content_type, "REMOTE_ADDR": "203.0.113.5"}
    )
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        captured["status"] = int(status.split()[0])
        captured["headers"] = {k.lower(): v for k, v in headers}

    content = b"".join(WSGIHandler()(environ, start_response))
    return captured["status"], captured["headers"], content, body


def test_a_200_mb_upload_to_the_public_form_is_refused_before_any_of_it_is_read(org: Organisation) -> None:
    status, headers, content, body = _call(
        "/report/hill/check/", content_type="multipart/form-data; boundary=xyz", length=200 * MB
    )
    assert status == 413
    assert body.read_bytes == 0
    assert b"larger than 101 MB" in content  # the limit, in words
    assert b"Each file may be up to 25 MB" in content
    assert headers["cache-control"] == "no-store"


def test_the_request_limit_follows_the_report_evidence_limit(org: Organisation, settings: Any) -> None:
    settings.EVIDENCE_MAX_REPORT_MB = 40
    status, _, content, body = _call(
        "/report/status/ABCD2345/", content_type="multipart/form-data; boundary=xyz", length=45 * MB
    )
    assert (status, body.read_bytes) == (413, 0)
    assert b"larger than 41 MB" in content
    settings.EVIDENCE_MAX_REPORT_MB = 50
    status, _, _, _ = _call(
        "/report/status/ABCD2345/", content_type="multipart/form-data; boundary=xyz", length=45 * MB
    )
    assert status != 413


def test_a_large_form_or_json_body_is_refused_before_it_is_read(org: Organisation) -> None:
    status, _, content, body = _call(
        "/report/hill/what/", content_type="application/x-www-form-urlencoded", length=3 * MB
    )
    assert (status, body.read_bytes) == (413, 0)
    assert b"larger than 2 MB" in content
    status, headers, content, body = _call("/api/v1/reports", content_type="application/json", length=50 * MB)
    assert (status, body.read_bytes) == (413, 0)
    assert headers["content-type"] == "application/json"
    assert "limit" in json.loads(content)["error"]


def test_an_upload_within_the_limit_is_streamed_to_a_temporary_file_not_held_in_memory() -> None:
    upload = SimpleUploadedFile("clip.mp4", b"\0" * (2 * MB), content_type="video/mp4")
    request = RequestFactory().post("/report/hill/check/", {"upload": upload})
    received = request.FILES["upload"]
    assert isinstance(received, TemporaryUploadedFile)
    assert received.size == 2 * MB


class _Unreadable(SimpleUploadedFile):
    def read(self, *args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("an over-size file was read into memory")


def test_a_file_over_the_per_file_limit_is_refused_without_being_read(org: Organisation, settings: Any) -> None:
    settings.EVIDENCE_MAX_FILE_MB = 1
    receipt = services.report_submit(
        organisation=org, data=services.ReportInput(reporter_role="target", account="Mean comments under my photos.")
    )
    big = _Unreadable("recording.mp4", b"", content_type="video/mp4")
    big.size = 30 * MB
    refused = services.report_attach_uploads(report=receipt.report, files=[big], sexual_image=False, request=None)
    assert refused == [
        "recording.mp4: This file is 30.0 MB; the limit is 1 MB per file. Send a shorter clip, a screenshot instead "
        "of a screen recording, or a smaller copy of the file."
    ]
    assert not receipt.report.evidence_items.exists()
