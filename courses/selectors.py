"""Reads for course pages. Each returns what a page shows in a fixed number
of queries, whatever the number of modules or courses."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import QueryDict

from accounts.choices import Sector
from accounts.models import User
from cms.choices import JOURNEY, Stage
from cms.selectors import resources_for_stage
from cms.site_cache import content_cached, public_pages
from courses.models import CourseIndexPage, CoursePage, Enrolment, ModulePage, ModuleProgress, Reflection


class ModuleState:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    LABELS = {NOT_STARTED: "Not yet started", IN_PROGRESS: "In progress", DONE: "Completed"}


def _children_of(page_path: str, depth: int) -> Q:
    return Q(path__startswith=page_path, depth=depth + 1)


JOURNEY_ORDER = {stage.value: position for position, stage in enumerate(JOURNEY)}


def journey_order(modules: Iterable[ModulePage]) -> list[ModulePage]:
    """Modules in the order of the family's journey (arrest before court...),
    and within a stage in the order the trainer arranged them in the CMS."""
    return sorted(modules, key=lambda module: (JOURNEY_ORDER.get(module.stage, len(JOURNEY)), module.path))


def course_modules(course: CoursePage) -> list[ModulePage]:
    """The course's live modules, in journey order. One query."""
    return journey_order(
        ModulePage.objects.live()
        .filter(_children_of(course.path, course.depth))
        .only("id", "title", "slug", "url_path", "path", "depth", "stage", "estimated_minutes", "summary", "required")
    )


def member_enrolled(*, member: User, module: ModulePage) -> bool:
    """Whether the member is enrolled on the module's course. One query."""
    return Enrolment.objects.filter(member=member, course__path=module.course_path).exists()


def enrolment_for(*, member: User | AnonymousUser, course: CoursePage) -> Enrolment | None:
    if not member.is_authenticated:
        return None
    return Enrolment.objects.filter(member=member, course=course).first()


@dataclass
class PathwayModule:
    module: ModulePage
    state: str

    @property
    def state_label(self) -> str:
        return ModuleState.LABELS[self.state]


@dataclass
class PathwayStage:
    stage: str
    label: str
    modules: list[PathwayModule]

    @property
    def state(self) -> str:
        states = {entry.state for entry in self.modules}
        if states == {ModuleState.DONE}:
            return ModuleState.DONE
        if states & {ModuleState.DONE, ModuleState.IN_PROGRESS}:
            return ModuleState.IN_PROGRESS
        return ModuleState.NOT_STARTED


@dataclass
class Pathway:
    enrolment: Enrolment | None
    stages: list[PathwayStage]
    modules: list[PathwayModule]
    next_module: ModulePage | None
    percent_complete: int
    required_done: int
    required_total: int


def course_pathway(*, course: CoursePage, member: User | AnonymousUser) -> Pathway:
    """The journey (arrest → court → prison → release → practice) with each
    module's state for this member. Three queries: modules, enrolment, progress."""
    modules = course_modules(course)
    enrolment = enrolment_for(member=member, course=course)
    progress: dict[int, ModuleProgress] = {}
    if enrolment is not None:
        progress = {row.module_id: row for row in ModuleProgress.objects.filter(enrolment=enrolment)}
    entries = []
    for module in modules:
        row = progress.get(module.pk)
        if row is None:
            state = ModuleState.NOT_STARTED
        elif row.completed_at is None:
            state = ModuleState.IN_PROGRESS
        else:
            state = ModuleState.DONE
        entries.append(PathwayModule(module=module, state=state))

    stages = []
    for stage in JOURNEY:
        in_stage = [entry for entry in entries if entry.module.stage == stage]
        if in_stage:
            stages.append(PathwayStage(stage=stage.value, label=stage.label, modules=in_stage))

    required = [entry for entry in entries if entry.module.required]
    required_done = sum(1 for entry in required if entry.state == ModuleState.DONE)
    return Pathway(
        enrolment=enrolment,
        stages=stages,
        modules=entries,
        next_module=_next_module(entries, enrolment),
        percent_complete=round(100 * required_done / len(required)) if required else 0,
        required_done=required_done,
        required_total=len(required),
    )


def _next_module(entries: list[PathwayModule], enrolment: Enrolment | None) -> ModulePage | None:
    """Where "continue" leads: the module last opened if it is unfinished,
    else the first module not done, in course order."""
    if enrolment is not None and enrolment.last_module_id:
        for entry in entries:
            if entry.module.pk == enrolment.last_module_id and entry.state != ModuleState.DONE:
                return entry.module
    for entry in entries:
        if entry.state != ModuleState.DONE:
            return entry.module
    return None


def module_page_context(
    *, module: ModulePage, enrolment: Enrolment | None, progress: ModuleProgress | None, member: Any
) -> dict[str, Any]:
    """Previous/next module, this module's state and the member's saved reflections."""
    course = CoursePage.objects.only("id", "title", "url_path", "path", "depth").get(path=module.course_path)
    siblings = course_modules(course)
    if all(sibling.pk != module.pk for sibling in siblings):
        # An admin preview of a draft module: show it where it will sit once published.
        siblings = journey_order([*siblings, module])
    position = next((index for index, sibling in enumerate(siblings) if sibling.pk == module.pk), None)
    previous_module = siblings[position - 1] if position else None
    next_module = siblings[position + 1] if position is not None and position + 1 < len(siblings) else None
    reflections: dict[str, str] = {}
    if enrolment is not None:
        reflections = dict(Reflection.objects.filter(member=member, module=module).values_list("block_id", "text"))
    return {
        "course": course,
        "previous_module": previous_module,
        "next_module": next_module,
        "position": (position or 0) + 1,
        "module_count": len(siblings),
        "module_done": bool(progress and progress.completed_at),
        "reflections": reflections,
        "stage_label": Stage(module.stage).label,
        "stage_resources": resources_for_stage(stage=module.stage, limit=4),
    }


@dataclass
class CatalogueFilters:
    LENGTHS = [("short", "Under 1 hour"), ("medium", "1 to 3 hours"), ("long", "Over 3 hours")]
    LENGTH_RANGES = {"short": (0, 59), "medium": (60, 180), "long": (181, 10**6)}

    sector: str = ""
    stage: str = ""
    length: str = ""
    q: str = ""
    ignored: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict) -> "CatalogueFilters":
        """Read filters from the address; unknown values are dropped and reported, never an error."""
        filters = cls(q=query.get("q", "").strip()[:200])
        allowed = {"sector": set(Sector.values), "stage": set(Stage.values), "length": set(cls.LENGTH_RANGES)}
        for name, values in allowed.items():
            value = query.get(name, "")
            if value in values:
                setattr(filters, name, value)
            elif value:
                filters.ignored.append(name)
        return filters

    @property
    def active(self) -> bool:
        return bool(self.sector or self.stage or self.length or self.q)


def course_catalogue(*, index: CourseIndexPage, filters: CatalogueFilters) -> list[CoursePage]:
    """Published courses under the catalogue page, filtered and searched, each
    annotated with its number of live modules. The same for every visitor, so kept in
    the shared cache until a page is published, unpublished, moved or deleted (no
    queries then); else two queries (three with search)."""
    asked = (index.pk, filters.sector, filters.stage, filters.length, filters.q)
    return content_cached("course-catalogue", asked, lambda: _course_catalogue(index=index, filters=filters))


def _course_catalogue(*, index: CourseIndexPage, filters: CatalogueFilters) -> list[CoursePage]:
    module_count = (
        ModulePage.objects.live()
        .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        .order_by()
        .values("depth")  # every child shares one depth: one group, one count
        .annotate(total=Count("id"))
        .values("total")
    )
    courses = (
        public_pages(CoursePage.objects.live())
        .filter(_children_of(index.path, index.depth))
        .annotate(module_count=Coalesce(Subquery(module_count), 0))
        .only(
            "id",
            "title",
            "slug",
            "url_path",
            "path",
            "depth",
            "summary",
            "estimated_minutes",
            "cpd_hours",
            "audience_sectors",
        )
        .order_by("title")
    )
    if filters.sector:
        courses = courses.filter(audience_sectors__icontains=f'"{filters.sector}"')
    if filters.stage:
        courses = courses.filter(
            Exists(
                ModulePage.objects.live().filter(
                    path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1, stage=filters.stage
                )
            )
        )
    if filters.length:
        low, high = CatalogueFilters.LENGTH_RANGES[filters.length]
        courses = courses.filter(estimated_minutes__gte=low, estimated_minutes__lte=high)
    if filters.q:
        matching_ids = [page.pk for page in CoursePage.objects.live().search(filters.q)]
        courses = courses.filter(pk__in=matching_ids)
    return list(courses)


@dataclass
class LearningSummary:
    in_progress: list[tuple[Enrolment, ModulePage | None, int]]
    completed: list[Enrolment]


def learning_summary(*, member: User) -> LearningSummary:
    """ "My learning": courses in progress with the next module, and completed
    courses with their dates. Three queries, whatever the number of courses."""
    enrolments = list(Enrolment.objects.filter(member=member).select_related("course").order_by("-enrolled_at"))
    open_enrolments = [enrolment for enrolment in enrolments if enrolment.completed_at is None]
    in_progress: list[tuple[Enrolment, ModulePage | None, int]] = []
    if open_enrolments:
        course_filter = Q()
        for enrolment in open_enrolments:
            course_filter |= _children_of(enrolment.course.path, enrolment.course.depth)
        modules = journey_order(
            ModulePage.objects.live()
            .filter(course_filter)
            .only("id", "title", "url_path", "path", "depth", "required", "stage")
        )
        done = set(
            ModuleProgress.objects.filter(enrolment__in=open_enrolments, completed_at__isnull=False).values_list(
                "enrolment_id", "module_id"
            )
        )
        for enrolment in open_enrolments:
            own = [module for module in modules if module.path.startswith(enrolment.course.path)]
            required = [module for module in own if module.required]
            finished = sum(1 for module in required if (enrolment.pk, module.pk) in done)
            unfinished = [module for module in own if (enrolment.pk, module.pk) not in done]
            # As on the course page: the module last opened if it is unfinished, else the first not done.
            next_module = next(
                (module for module in unfinished if module.pk == enrolment.last_module_id),
                unfinished[0] if unfinished else None,
            )
            percent = round(100 * finished / len(required)) if required else 0
            in_progress.append((enrolment, next_module, percent))
    return LearningSummary(
        in_progress=in_progress,
        completed=[enrolment for enrolment in enrolments if enrolment.completed_at is not None],
    )


def learner_records_under(*, page_path: str) -> int:
    """How many learner records (enrolments, module progress, reflections)
    point at this page or any page below it. Three counting queries."""
    return (
        Enrolment.objects.filter(course__path__startswith=page_path).count()
        + ModuleProgress.objects.filter(module__path__startswith=page_path).count()
        + Reflection.objects.filter(module__path__startswith=page_path).count()
    )


def learning_personal_data(member: User) -> dict[str, Any]:
    """A member's enrolments, progress and reflections, for their data export."""
    progress = ModuleProgress.objects.filter(enrolment__member=member).select_related("module")
    return {
        "enrolments": [
            {
                "course": enrolment.course.title,
                "enrolled_at": enrolment.enrolled_at.isoformat(),
                "completed_at": enrolment.completed_at.isoformat() if enrolment.completed_at else None,
            }
            for enrolment in Enrolment.objects.filter(member=member).select_related("course").order_by("enrolled_at")
        ],
        "module_progress": [
            {
                "module": row.module.title,
                "started_at": row.started_at.isoformat(),
                "completed_at": row.completed_at.isoformat() if row.completed_at else None,
            }
            for row in progress.order_by("started_at")
        ],
        "reflections": [
            {
                "module": reflection.module.title,
                "text": reflection.text,
                "updated_at": reflection.updated_at.isoformat(),
            }
            for reflection in Reflection.objects.filter(member=member).select_related("module").order_by("updated_at")
        ],
    }
