"""Make the audit log append-only in the database itself, not only in the model.

PostgreSQL refuses UPDATE and DELETE on every row. SQLite refuses UPDATE only: test
isolation and ``flush`` empty tables with DELETE there, and an SQLite file is a single-user
install whose owner can edit the file anyway; the model still refuses deletes.
Accounts that acted are deactivated, never deleted: deleting one would update its entries.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]
POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION core_auditentry_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_auditentry_no_change BEFORE UPDATE OR DELETE ON core_auditentry
       FOR EACH ROW EXECUTE FUNCTION core_auditentry_refuse()""",
]
REVERSE = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry",
        "DROP FUNCTION IF EXISTS core_auditentry_refuse()",
    ],
}


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor)
    for sql in statements or []:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for sql in REVERSE.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
