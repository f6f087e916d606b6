from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.members import DEMO_PASSWORD, demo_sign_in_label, real_members_count
from demo.seed import demo_seed


class Command(BaseCommand):
    help = "Load the demo content and members. Idempotent: running it again changes nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--allow-production", action="store_true", help="Seed even when DEBUG is off (benchmarks, tests)."
        )
        parser.add_argument(
            "--allow-real-members",
            action="store_true",
            help="Seed even though the database holds accounts that are not the demo's.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("Refusing to create demo members with a published password while DEBUG is off.")
        real = real_members_count()
        if real and not options["allow_real_members"]:
            raise CommandError(
                f"Refusing to seed: this database holds {real} account{'s' if real != 1 else ''} that "
                f"{'are' if real != 1 else 'is'} not the demo's. Demo sign-ins with a published password do "
                "not belong beside real members. Point DATABASE_URL at a development database, or pass "
                "--allow-real-members if these accounts are your own test accounts."
            )
        result = demo_seed()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content is ready. Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        )
        for member in result.members:
            self.stdout.write(f"  {demo_sign_in_label(member):<14} {member.email}")
        if result.showcase is not None:
            soon = timezone.localtime(result.showcase.soon.sessions.get().starts_at)
            self.stdout.write(
                f'Try: the SCORM lesson in the module "Talking with children"; the workshop starting at '
                f"{soon:%H:%M} (its register opens an hour before, for the trainer)."
            )
