"""The OpenAPI 3.1 description of the service (served at /openapi.json)."""

from __future__ import annotations

from typing import Any

_ERROR_ENTRY = {
    "type": "object",
    "required": ["status", "index", "event", "context"],
    "properties": {
        "status": {"type": "integer"},
        "index": {"type": "integer", "description": "Position in the posted batch."},
        "event": {"description": "The event as received."},
        "context": {
            "type": "object",
            "properties": {
                "message": {"type": "string"},
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "instance_path": {"type": "string"},
                            "schema_path": {"type": "string"},
                            "message": {"type": "string"},
                        },
                    },
                },
            },
        },
    },
}

_BATCH_RESULT = {
    "type": "object",
    "properties": {
        "invalid": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/EventError"},
        },
        "error": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/EventError"},
        },
    },
}

_PROBLEM = {
    "type": "object",
    "required": ["error_code", "message"],
    "properties": {"error_code": {"type": "string"}, "message": {"type": "string"}},
}


def _json(ref: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


def _response(description: str, ref: str | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description}
    if ref:
        response["content"] = _json(ref)
    return response


def _get(summary: str, content_type: str = "application/json") -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "responses": {"200": {"description": "OK", "content": {content_type: {}}}},
        }
    }


def spec(version: str) -> dict[str, Any]:
    """The OpenAPI document for this service."""
    events_body = {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"type": "object"},
                        {"type": "array", "items": {"type": "object"}},
                    ]
                }
            },
            "text/plain": {
                "schema": {"type": "string", "description": "JSON text (sendBeacon)."}
            },
        },
    }
    post = {
        "summary": "Validate events and write the valid ones to the sink.",
        "parameters": [
            {
                "name": "hasty",
                "in": "query",
                "schema": {"type": "boolean"},
                "description": "Answer 202 at once; validate and write afterwards.",
            },
            {"name": "X-Request-Id", "in": "header", "schema": {"type": "string"}},
        ],
        "requestBody": events_body,
        "responses": {
            "201": _response("Every event was valid and written."),
            "202": _response("Hasty: accepted for processing."),
            "207": _response(
                "Some events were invalid or could not be written.", "BatchResult"
            ),
            "400": _response(
                "No event was accepted (invalid events or body).", "BatchResult"
            ),
            "413": _response("Body or batch over the configured limit.", "Problem"),
            "415": _response("Content type other than JSON or text/plain.", "Problem"),
            "503": _response(
                "The sink cannot take events; nothing was written.", "Problem"
            ),
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "event-schemas EventBus validator", "version": version},
        "paths": {
            "/v1/events": {"post": post},
            "/v1/schemas": _get(
                "List the schema versions this service validates against."
            ),
            "/v1/schemas/{path}": {
                "get": {
                    "summary": "One schema version (JSON, or YAML on request).",
                    "parameters": [
                        {
                            "name": "path",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The schema.",
                            "content": {"application/json": {}, "application/yaml": {}},
                        },
                        "404": _response("No such schema version.", "Problem"),
                    },
                }
            },
            "/v1/streams": _get("List the configured streams."),
            "/healthz": _get("Liveness."),
            "/readyz": _get("Readiness: schemas loaded and the sink can take events."),
            "/metrics": _get("Prometheus metrics.", "text/plain"),
            "/openapi.json": _get("This document."),
        },
        "components": {
            "schemas": {
                "EventError": _ERROR_ENTRY,
                "BatchResult": _BATCH_RESULT,
                "Problem": _PROBLEM,
            }
        },
    }
