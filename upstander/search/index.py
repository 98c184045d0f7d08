"""The full-text index: one table, `search_entry`, kept in step with the text it indexes by database
triggers, so every write (a service, a bulk update, the MIS import, the demo) reaches it.

SQLite: an FTS5 virtual table. PostgreSQL: a plain table with a GIN index on
`to_tsvector('simple', body)`. Both use no stemming, so a handle or a name matches as typed.

Each indexed row of a source table becomes one entry with `rowid = source id * 8 + kind`. What may be
shown is never decided here: `selectors.search` maps each hit back to its source row and case and
applies the searching person's permissions (and drops sealed evidence again) before anything is shown.
"""

# ruff: noqa: S608  (the SQL here is built from the constants below only; no input reaches it)
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import migrations

TABLE = "search_entry"
KINDS = 8  # rowid = source_id * KINDS + kind
SQLITE_COLUMNS = "(rowid, kind, source_id, organisation_id, body)"
PG_COLUMNS = "(id, kind, source_id, organisation_id, body)"


@dataclass(frozen=True)
class Source:
    kind: int
    table: str
    columns: tuple[str, ...]
    organisation: str  # an expression over the row, with {row} for NEW/OLD or the table name
    sqlite_when: str = ""
    postgresql_when: str = ""


REPORT_ORG = "(SELECT organisation_id FROM reports_report WHERE id = {row}.report_id)"
CASE_ORG = "(SELECT organisation_id FROM cases_case WHERE id = {row}.case_id)"

REPORT, MESSAGE, ENTRY, PARTY, PERSON, EVIDENCE, EVIDENCE_TEXT = 1, 2, 3, 4, 5, 6, 7

SOURCES: tuple[Source, ...] = (
    Source(REPORT, "reports_report", ("reference", "account", "people_involved", "happened_when", "reporter_name"),
           "{row}.organisation_id"),
    Source(MESSAGE, "reports_reportmessage", ("body",), REPORT_ORG),
    Source(ENTRY, "cases_caseentry", ("text", "reason"), CASE_ORG),
    Source(PARTY, "cases_caseparty", ("identifier", "description"), "{row}.organisation_id"),
    Source(PERSON, "people_person", ("first_name", "last_name", "description"), "{row}.organisation_id"),
    # Sealed evidence is never indexed (and the selector drops it again).
    Source(EVIDENCE, "evidence_evidenceitem",
           ("description", "handles", "url", "original_name", "captured_by", "location"), "{row}.organisation_id",
           sqlite_when="{row}.sealed = 0", postgresql_when="NOT {row}.sealed"),
    # Evidence text (OCR of screenshots, pasted messages, e-mail text) is kept with its analysis.
    # Not while its item is sealed (sealing and unsealing an item re-index its texts: _evidence_texts_sql).
    Source(EVIDENCE_TEXT, "reports_textanalysis", ("text",), REPORT_ORG,
           sqlite_when="{row}.source LIKE 'evidence:%' AND NOT EXISTS (SELECT 1 FROM evidence_evidenceitem e "
                       "WHERE e.id = CAST(substr({row}.source, 10) AS INTEGER) AND e.sealed = 1)",
           postgresql_when="{row}.source LIKE 'evidence:%' AND NOT EXISTS (SELECT 1 FROM evidence_evidenceitem e "
                           "WHERE e.id = CAST(substr({row}.source, 10) AS bigint) AND e.sealed)"),
)  # fmt: skip
TEXTS = next(s for s in SOURCES if s.kind == EVIDENCE_TEXT)


def _body(source: Source, row: str, vendor: str) -> str:
    if vendor == "postgresql":
        return "concat_ws(' ', " + ", ".join(f"{row}.{c}" for c in source.columns) + ")"
    return " || ' ' || ".join(f"coalesce({row}.{c}, '')" for c in source.columns)


def _when(source: Source, row: str, vendor: str) -> str:
    when = source.postgresql_when if vendor == "postgresql" else source.sqlite_when
    return when.format(row=row) if when else ""


def _select(source: Source, row: str, vendor: str, *, from_table: bool, also: str = "") -> str:
    """SELECT the index row of `row` (NEW, or the table itself, or an alias of it with `also`)."""
    values = (
        f"{row}.id * {KINDS} + {source.kind}, {source.kind}, {row}.id, "
        f"{source.organisation.format(row=row)}, {_body(source, row, vendor)}"
    )
    where = " AND ".join(x for x in (_when(source, row, vendor), also) if x)
    table = f" FROM {source.table}" + (f" {row}" if row != source.table else "") if from_table else ""
    return f"SELECT {values}{table}" + (f" WHERE {where}" if where else "")


def _evidence_texts_sql(vendor: str, columns: str) -> str:
    """On a change to an evidence item: its texts out of the index, and back in unless it is sealed now."""
    where = "ta.source = 'evidence:' || NEW.id"
    return (
        f"DELETE FROM {TABLE} WHERE {'id' if vendor == 'postgresql' else 'rowid'} IN "
        f"(SELECT ta.id * {KINDS} + {EVIDENCE_TEXT} FROM reports_textanalysis ta WHERE {where}); "
        f"INSERT INTO {TABLE} {columns} {_select(TEXTS, 'ta', vendor, from_table=True, also=where)};"
    )


def create_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        statements = [
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id bigint PRIMARY KEY, kind smallint NOT NULL, "
            "source_id bigint NOT NULL, organisation_id bigint, body text NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {TABLE}_body_idx ON {TABLE} USING GIN (to_tsvector('simple', body))",
            f"CREATE INDEX IF NOT EXISTS {TABLE}_org_idx ON {TABLE} (organisation_id)",
        ]
        for s in SOURCES:
            texts = ""
            if s.kind == EVIDENCE:
                texts = f"  IF TG_OP = 'UPDATE' THEN {_evidence_texts_sql(vendor, PG_COLUMNS)} END IF;\n"
            statements.append(
                f"CREATE OR REPLACE FUNCTION {s.table}_search() RETURNS trigger AS $$\nBEGIN\n"
                f"  IF TG_OP <> 'INSERT' THEN DELETE FROM {TABLE} WHERE id = OLD.id * {KINDS} + {s.kind}; END IF;\n"
                f"  IF TG_OP <> 'DELETE' THEN INSERT INTO {TABLE} {PG_COLUMNS} "
                f"{_select(s, 'NEW', vendor, from_table=False)}; END IF;\n{texts}"
                "  RETURN NULL;\nEND;\n$$ LANGUAGE plpgsql"
            )
            statements.append(f"DROP TRIGGER IF EXISTS {s.table}_search ON {s.table}")
            statements.append(
                f"CREATE TRIGGER {s.table}_search AFTER INSERT OR UPDATE OR DELETE ON {s.table} "
                f"FOR EACH ROW EXECUTE FUNCTION {s.table}_search()"
            )
        return statements
    statements = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(kind UNINDEXED, source_id UNINDEXED, "
        "organisation_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')"
    ]
    for s in SOURCES:
        insert = f"INSERT INTO {TABLE} (rowid, kind, source_id, organisation_id, body) "
        delete = f"DELETE FROM {TABLE} WHERE rowid = OLD.id * {KINDS} + {s.kind};"
        texts = f" {_evidence_texts_sql(vendor, SQLITE_COLUMNS)}" if s.kind == EVIDENCE else ""
        statements += [
            f"CREATE TRIGGER IF NOT EXISTS {s.table}_search_ai AFTER INSERT ON {s.table} BEGIN "
            f"{insert}{_select(s, 'NEW', vendor, from_table=False)}; END",
            f"CREATE TRIGGER IF NOT EXISTS {s.table}_search_au AFTER UPDATE ON {s.table} BEGIN {delete} "
            f"{insert}{_select(s, 'NEW', vendor, from_table=False)};{texts} END",
            f"CREATE TRIGGER IF NOT EXISTS {s.table}_search_ad AFTER DELETE ON {s.table} BEGIN {delete} END",
        ]
    return statements


def drop_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        statements = []
        for s in SOURCES:
            statements += [f"DROP TRIGGER IF EXISTS {s.table}_search ON {s.table}",
                           f"DROP FUNCTION IF EXISTS {s.table}_search()"]  # fmt: skip
        return [*statements, f"DROP TABLE IF EXISTS {TABLE}"]
    statements = [f"DROP TRIGGER IF EXISTS {s.table}_search_{op}" for s in SOURCES for op in ("ai", "au", "ad")]
    return [*statements, f"DROP TABLE IF EXISTS {TABLE}"]


def fill_sql(vendor: str) -> list[str]:
    """Index every existing row (after the table is made, and by `upstander search-rebuild`)."""
    columns = "(rowid, kind, source_id, organisation_id, body)" if vendor != "postgresql" else \
        "(id, kind, source_id, organisation_id, body)"  # fmt: skip
    return [f"DELETE FROM {TABLE}"] + [
        f"INSERT INTO {TABLE} {columns} {_select(s, s.table, vendor, from_table=True)}" for s in SOURCES
    ]


def expected_triggers(vendor: str) -> set[str]:
    if vendor == "postgresql":
        return {f"{s.table}_search" for s in SOURCES}
    return {f"{s.table}_search_{op}" for s in SOURCES for op in ("ai", "au", "ad")}


def missing_triggers(connection: Any) -> set[str] | None:
    """The index's triggers that are not there (None: no index table yet, before its migration).
    SQLite drops a table's triggers when a migration rebuilds the table to change it."""
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return None
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SELECT to_regclass(%s)", [TABLE])
            if cursor.fetchone()[0] is None:
                return None
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = %s", [TABLE])
            if cursor.fetchone() is None:
                return None
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
    return expected_triggers(vendor) - present


def ensure(connection: Any) -> bool:
    """After any migration: put back missing triggers and index everything again. True if it did."""
    missing = missing_triggers(connection)
    if not missing:
        return False
    with connection.cursor() as cursor:
        for statement in create_sql(connection.vendor) + fill_sql(connection.vendor):
            cursor.execute(statement)
    return True


def _run(schema_editor: Any, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def operation() -> migrations.RunPython:
    """The migration step: make the index and its triggers, then index what is already stored."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor in ("sqlite", "postgresql"):
            _run(schema_editor, create_sql(vendor) + fill_sql(vendor))

    def backwards(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor in ("sqlite", "postgresql"):
            _run(schema_editor, drop_sql(vendor))

    return migrations.RunPython(forwards, backwards)
