from django.db import migrations

# Literal, as accounts' 0002 keeps its names: a migration must not follow later renames in code.
COMMISSIONERS = "Commissioners"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=COMMISSIONERS)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COMMISSIONERS).delete()


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(create_group, remove_group)]
