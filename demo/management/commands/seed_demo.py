from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.members import DEMO_PASSWORD
from demo.seed import demo_seed


class Command(BaseCommand):
    help = "Load the demo content and members. Idempotent: running it again changes nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--allow-production", action="store_true", help="Seed even when DEBUG is off (benchmarks, tests)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("Refusing to create demo members with a published password while DEBUG is off.")
        result = demo_seed()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content is ready. Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        )
        for member in result.members:
            self.stdout.write(f"  {member.role.label:<14} {member.email}")
