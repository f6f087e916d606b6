"""On SQLite (the default run), search words by their stems, as PostgreSQL's full-text search does.

Wagtail's SQLite backend creates its FTS5 table with FTS5's default tokenizer, which matches
words exactly: "families" did not find an organisation that supports a "family". FTS5's porter
tokenizer stems both what is indexed and what is searched. The table is made again with it and
refilled from Wagtail's index entries; Wagtail's triggers, which write to it by name, carry on.
Nothing happens on PostgreSQL, or where SQLite lacks FTS5 (Wagtail then searches without it).
"""

from django.db import migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"
ENTRIES_TABLE = "wagtailsearch_indexentry"


def _fts_table_recreate(schema_editor: object, tokenize: str) -> None:
    connection = schema_editor.connection  # type: ignore[attr-defined]
    if connection.vendor != "sqlite" or FTS_TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {FTS_TABLE}")
        cursor.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(autocomplete, body, title{tokenize})")
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body, autocomplete) "
            f"SELECT id, title, body, autocomplete FROM {ENTRIES_TABLE}"
        )


def stemmed(apps: object, schema_editor: object) -> None:
    _fts_table_recreate(schema_editor, ", tokenize = 'porter unicode61 remove_diacritics 2'")


def exact(apps: object, schema_editor: object) -> None:
    _fts_table_recreate(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_resource_created_at"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stemmed, exact, elidable=False)]
