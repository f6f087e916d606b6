import factory
from allauth.account.models import EmailAddress

from accounts.choices import Region, Role, Sector
from accounts.models import User
from accounts.services import member_set_role

PASSWORD = "correct-horse-battery-staple"


class MemberFactory(factory.django.DjangoModelFactory):
    """A member with a verified primary address who can sign in with PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    organisation = "Hillside Academy"
    job_role = "Teacher"
    sector = Sector.EDUCATION
    region = Region.NORTH_WEST
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj: User, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def role(obj: User, create: bool, extracted: Role | None, **kwargs: object) -> None:
        if create and extracted:
            member_set_role(member=obj, role=extracted)
