"""Start-up wiring of the dependencies that point down to scoring: each domain's computed-indicator
sources, and the assessments' access rules that decide whose scorecards a caller reads; the one
hook the assessments call on submission (the inspections' held values); and the modules that declare
the job queue's tasks (thidua/core/tasks.py), so that every worker knows them all.

Scoring declares what it needs (scoring/sources.py, scoring/access.py) and never imports the domains
above it; this module, imported once with every table by thidua/all_models.py, plugs them in. The
order of the sources is the order the API lists them in.
"""

from thidua import score_dependencies  # noqa: F401 - the dependency map of stored scores
from thidua.activities import sources as activities
from thidua.assessments import access as assessments_access
from thidua.assessments import service as assessments_service
from thidua.assessments import sources as assessments
from thidua.dti import sources as dti
from thidua.generated import jobs as generated_jobs  # noqa: F401 - tasks generated.run, .resume, .housekeeping
from thidua.imports import jobs as import_jobs  # noqa: F401 - tasks imports.run, .resume, .housekeeping
from thidua.initiatives import sources as initiatives
from thidua.inspections import service as inspections_service
from thidua.plans import sources as plans
from thidua.reminders import service as reminders  # noqa: F401 - task reminders.send
from thidua.reports import sources as reports
from thidua.scoring import access as scoring_access
from thidua.scoring import daily, dependencies  # noqa: F401 - tasks scoring.daily, .rescore_framework
from thidua.scoring.sources import register, register_linker
from thidua.webhooks import delivery  # noqa: F401 - tasks webhooks.deliver, .sweep

register(*assessments.SOURCES, *plans.SOURCES, *reports.SOURCES, *activities.SOURCES, *initiatives.SOURCES)
register_linker(dti.linked_values)
scoring_access.provide(assessments_access.readable, assessments_access.get_readable)
# Values an inspection recorded on a draft self-assessment become verified values when it is submitted.
assessments_service.ON_SUBMIT.append(inspections_service.apply_held_values)
