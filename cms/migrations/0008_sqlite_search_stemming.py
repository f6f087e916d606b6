"""On SQLite (the default run), search words by their stems, as PostgreSQL's full-text search does.

Wagtail's SQLite backend creates its FTS5 table with FTS5's default tokenizer, which matches
words exactly: "families" did not find an organisation that supports a "family". FTS5's porter
tokenizer stems both what is indexed and what is searched. The table is made again with it and
refilled from Wagtail's index entries; Wagtail's triggers, which write to it by name, carry on.
Nothing happens on PostgreSQL, or where SQLite lacks FTS5 (Wagtail then searches without it).
"""

from django.db import migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"
STEMMED = (
    "CREATE VIRTUAL TABLE wagtailsearch_indexentry_fts USING fts5("
    "autocomplete, body, title, tokenize = 'porter unicode61 remove_diacritics 2')"
)
EXACT = "CREATE VIRTUAL TABLE wagtailsearch_indexentry_fts USING fts5(autocomplete, body, title)"


def _fts_table_recreate(schema_editor: object, create: str) -> None:
    connection = schema_editor.connection  # type: ignore[attr-defined]
    if connection.vendor != "sqlite" or FTS_TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE wagtailsearch_indexentry_fts")
        cursor.execute(create)
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry_fts (rowid, title, body, autocomplete) "
            "SELECT id, title, body, autocomplete FROM wagtailsearch_indexentry"
        )


def stemmed(apps: object, schema_editor: object) -> None:
    _fts_table_recreate(schema_editor, STEMMED)


def exact(apps: object, schema_editor: object) -> None:
    _fts_table_recreate(schema_editor, EXACT)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_resource_created_at"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stemmed, exact, elidable=False)]
