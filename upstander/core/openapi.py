"""The OpenAPI 3.1 document for /api/v1/, built from the same choices the API validates against."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from upstander.core.api import MAX_BODY_BYTES, MAX_JSON_DEPTH
from upstander.reports.models import Channel, Platform, ReporterKind, ReporterRole, ReportStatus
from upstander.reports.services import MAX_ACCOUNT_CHARS, MAX_EMAIL_CHARS

ERROR = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "field -> what is wrong",
        },
    },
    "required": ["error"],
}

REPORT_STATUS = {
    "type": "object",
    "required": ["reference", "status", "status_text", "urgent", "created_at", "updated_at"],
    "properties": {
        "reference": {"type": "string", "example": "ABCD-2345"},
        "status": {"type": "string", "enum": list(ReportStatus.values)},
        "status_text": {"type": "string", "description": "What the reporter is told."},
        "urgent": {"type": "boolean"},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
    },
}


def document() -> dict[str, Any]:
    report_in = {
        "type": "object",
        "additionalProperties": False,
        "required": ["account", "reporter_role"],
        "description": "Text fields must be text: a lone surrogate (\\ud800) or \\u0000 gets 400. The body may nest "
        f"at most {MAX_JSON_DEPTH} levels and be at most {MAX_BODY_BYTES // 1024} KB.",
        "properties": {
            "organisation": {
                "type": ["string", "null"],
                "maxLength": 80,
                "description": "The organisation's slug. Required without an API key; with one, it must be the key's "
                "own organisation or left out.",
            },
            "account": {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_ACCOUNT_CHARS,
                "pattern": "\\S",
                "description": "What happened, in the reporter's words. Required: empty or only spaces gets 400.",
            },
            "reporter_role": {"type": "string", "enum": list(ReporterRole.values)},
            "reporter_kind": {
                "type": ["string", "null"],
                "enum": [*(k for k in ReporterKind.values if k), "", None],
                "description": "Who the reporter is; with reporter_role 'target', who was harmed (e.g. 'staff').",
            },
            "anonymous": {
                "type": "boolean",
                "default": True,
                "description": "Anonymous reports keep no name, contact or IP address.",
            },
            "reporter_name": {"type": ["string", "null"], "maxLength": 200},
            "reporter_email": {
                "description": "Named reports only. Upstander emails this address an acknowledgement with the "
                "report's reference (never the passphrase) once the report is stored. One address, or empty: a "
                "line break or other control character gets 400.",
                "anyOf": [
                    {"type": "string", "format": "email", "maxLength": MAX_EMAIL_CHARS},
                    {"type": "string", "maxLength": 0},
                    {"type": "null"},
                ],
            },
            "channel": {"type": ["string", "null"], "enum": [*Channel.values, "", None]},
            "platform": {"type": ["string", "null"], "enum": [*(p for p in Platform.values if p), "", None]},
            "happened_at": {
                "description": "ISO 8601 date or date-time, between 1 January 1900 and now; a date alone means "
                "midday. An impossible one (2026-02-30, hour 25, offset +99:00) gets 400.",
                "anyOf": [
                    {"type": "string", "format": "date-time"},
                    {"type": "string", "format": "date"},
                    {"type": "string", "maxLength": 0},
                    {"type": "null"},
                ],
            },
            "people": {
                "anyOf": [
                    {"type": "string", "maxLength": 2000},
                    {"type": "array", "items": {"type": "string"}},
                    {"type": "null"},
                ],
                "description": "Names or usernames of the people involved (at most 2,000 characters in all).",
            },
            "in_danger": {
                "type": "boolean",
                "default": False,
                "description": "Someone is in danger now: marks the report urgent.",
            },
        },
    }
    receipt = {
        "type": "object",
        "required": ["reference", "passphrase", "status_url", "urgent"],
        "properties": {
            "reference": {"type": "string", "example": "ABCD-2345"},
            "passphrase": {"type": "string", "description": "Shown once; with the reference, opens the status page."},
            "status_url": {"type": "string", "format": "uri"},
            "urgent": {"type": "boolean"},
        },
    }
    error_responses = {
        code: {"description": text, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for code, text in {
            "400": "A field is missing or wrong: `errors` names each one.",
            "401": "The API key is missing or not valid.",
            "403": "The API key lacks the scope.",
            "404": "No report with that reference in the key's organisation.",
            "405": "The method is not allowed here.",
            "413": "The body is larger than the limit.",
            "415": "The body is not JSON.",
            "422": "The Idempotency-Key was used before with a different body: use a new key.",
            "429": "Too many reports from this address.",
        }.items()
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Upstander API",
            "version": "1",
            "description": "Report online bullying and harassment; follow reports up.",
        },
        "servers": [{"url": settings.SITE_URL + "/api/v1"}],
        "components": {
            "securitySchemes": {
                "apiKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "up_<prefix>_<secret>, made by an org admin",
                }
            },
            "schemas": {"ReportIn": report_in, "Receipt": receipt, "ReportStatus": REPORT_STATUS, "Error": ERROR},
        },
        "paths": {
            "/reports": {
                "post": {
                    "summary": "Send a report",
                    "description": "No key is needed for anonymous reporting (limited per address). A key with "
                    "`reports:write` reports for its own organisation.",
                    "security": [{}, {"apiKey": []}],
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string", "maxLength": 200},
                            "description": "Retrying with the same key and body returns the first answer (201, with the "
                            "header `Idempotent-Replayed: true`), not a second report. The same key with a different "
                            "body gets 422. Longer than 200 characters gets 400.",
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReportIn"}}},
                    },
                    "responses": {
                        "201": {
                            "description": "Stored",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}},
                        },
                        **error_responses,
                    },
                }
            },
            "/reports/{reference}": {
                "get": {
                    "summary": "A report's status",
                    "security": [{"apiKey": []}],
                    "parameters": [{"name": "reference", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {
                            "description": "The status",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReportStatus"}}},
                        },
                        "401": error_responses["401"],
                        "403": error_responses["403"],
                        "404": error_responses["404"],
                    },
                }
            },
        },
    }


@require_GET
def openapi_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse(document())
