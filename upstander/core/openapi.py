"""The OpenAPI 3.1 document for /api/v1/, built from the same choices the API validates against."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from upstander.reports.models import Channel, Platform, ReporterKind, ReporterRole
from upstander.reports.services import MAX_ACCOUNT_CHARS

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


def document() -> dict[str, Any]:
    report_in = {
        "type": "object",
        "additionalProperties": False,
        "required": ["account", "reporter_role"],
        "properties": {
            "organisation": {"type": "string", "description": "The organisation's slug. Required without an API key."},
            "account": {
                "type": "string",
                "maxLength": MAX_ACCOUNT_CHARS,
                "description": "What happened, in the reporter's words.",
            },
            "reporter_role": {"type": "string", "enum": list(ReporterRole.values)},
            "reporter_kind": {
                "type": "string",
                "enum": [k for k in ReporterKind.values if k],
                "description": "Who the reporter is; with reporter_role 'target', who was harmed (e.g. 'staff').",
            },
            "anonymous": {
                "type": "boolean",
                "default": True,
                "description": "Anonymous reports keep no name, contact or IP address.",
            },
            "reporter_name": {"type": "string", "maxLength": 200},
            "reporter_email": {
                "type": "string",
                "format": "email",
                "description": "Named reports only. Upstander emails this address an acknowledgement with the "
                "report's reference (never the passphrase) once the report is stored.",
            },
            "channel": {"type": "string", "enum": list(Channel.values)},
            "platform": {"type": "string", "enum": [p for p in Platform.values if p]},
            "happened_at": {"type": "string", "description": "ISO 8601 date or date-time; not in the future."},
            "people": {
                "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
                "description": "Names or usernames of the people involved.",
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
            "415": "The body is not JSON.",
            "422": "The Idempotency-Key was used before with a different body.",
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
            "schemas": {"ReportIn": report_in, "Receipt": receipt, "Error": ERROR},
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
                            "description": "Retrying with the same key and body returns the first answer, not a second report.",
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
                        "200": {"description": "The status"},
                        "401": error_responses["401"],
                        "403": error_responses["403"],
                        "404": {"description": "No such report in the key's organisation"},
                    },
                }
            },
        },
    }


@require_GET
def openapi_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse(document())
