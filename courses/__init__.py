"""The shared course model: CoursePage and its ModulePages, enrolment, progress, completion."""
