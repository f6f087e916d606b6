"""What migrations put in the database, put back after a flush.

A transactional test (live server, real worker, concurrency) ends with a
flush that empties every table, including what data migrations made:
Wagtail's locale, root page, collection and moderation workflow, the home
page and site, the role groups and their permissions. The suite takes a
snapshot of the migrated database once (`snapshot_take`, Django's own test
serialisation) and `tests/conftest.py` puts it back after every
transactional test, so no test depends on which ran before it.
"""

from django.db import connection

_snapshot: str | None = None


def snapshot_take() -> None:
    global _snapshot
    _snapshot = connection.creation.serialize_db_to_string()


def snapshot_restore() -> None:
    """Empty the database and load the snapshot with its original ids."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style

    if _snapshot is None:
        return
    # No post_migrate: content types and permissions come back from the
    # snapshot under their original ids, which the groups' permissions use.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(_snapshot)
    # The rows came back with explicit ids; move the sequences past them.
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    ContentType.objects.clear_cache()
