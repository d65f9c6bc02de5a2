/**
 * Every key of the query cache, one factory per resource (TkDodo's "effective query keys").
 *
 * They live here, not in the features, because the cache is one namespace that the features
 * share: a change in one feature makes another one's data stale (an activity changes assessments
 * and scorecards, an import changes units, staff or users), and some features read another's
 * resource under that resource's key so that its invalidation reaches them (the staff of a unit,
 * the frameworks offered in a picker). Features may not import each other, so they meet here.
 *
 * Each factory starts with `all` (the root: invalidating it refreshes everything below).
 */

/** The usual keys of a resource: everything, its lists, one list, one item. */
function resource<R extends string>(root: R) {
  return {
    all: [root] as const,
    lists: () => [root, 'list'] as const,
    list: <F>(filters: F) => [root, 'list', filters] as const,
    detail: (id: number | null | undefined) => [root, 'detail', id] as const,
  };
}

/** A dashboard count (`limit=1`, only `total` read) of a resource. */
const count = <R extends string>(root: R) => () => [root, 'count'] as const;

export const meKeys = { all: ['me'] as const };

export const unitsKeys = {
  ...resource('units'),
  count: count('units'),
  options: () => ['units', 'options'] as const,
  schools: () => ['units', 'schools'] as const,
  children: (schoolId: number | null | undefined) => ['units', 'children', schoolId] as const,
};

export const staffKeys = {
  ...resource('staff'),
  count: count('staff'),
  attendees: (unitId: number | null) => ['staff', 'attendees', unitId] as const,
  ofUnit: (unitId: number | null) => ['staff', 'ofUnit', unitId] as const,
};

/** The pickers' narrow look-ups (names and ids the caller may read), per list and search. */
export const lookupsKeys = {
  all: ['lookups'] as const,
  search: <P>(list: string, params: P) => ['lookups', list, params] as const,
};

export const usersKeys = {
  ...resource('users'),
  count: count('users'),
  serviceAccounts: () => ['users', 'service-accounts'] as const,
};

export const auditKeys = {
  all: ['audit'] as const,
  list: <F>(filters: F) => ['audit', filters] as const,
};

export const frameworksKeys = {
  ...resource('frameworks'),
  count: count('frameworks'),
  options: <Q>(query: Q) => ['frameworks', 'options', query] as const,
  sources: () => ['frameworks', 'sources'] as const,
};

export const movementsKeys = {
  all: ['movements'] as const,
  windows: (movementId: number | undefined) => ['movements', movementId, 'evaluation-windows'] as const,
};

export const assessmentsKeys = {
  ...resource('assessments'),
  count: count('assessments'),
  ofUnit: (unitId: number, schoolYear: string) => ['assessments', 'ofUnit', unitId, schoolYear] as const,
  nominee: <S>(subject: S) => ['assessments', 'nominee', subject] as const,
};

export const scorecardsKeys = {
  ...resource('scorecards'),
  ranking: <F>(filters: F) => ['scorecards', 'ranking', filters] as const,
  aggregates: <Q>(query: Q) => ['scorecards', 'aggregates', query] as const,
  yearOverYear: (frameworkCode: string | undefined) => ['scorecards', 'year-over-year', frameworkCode] as const,
  history: (assessmentId: number) => ['scorecards', 'history', assessmentId] as const,
};

export const activitiesKeys = resource('activities');

/** QĐ 4725 self-assessments; `linked` is a movement self-assessment's indicators taken from them. */
export const dtiKeys = {
  ...resource('dti'),
  index: () => ['dti', 'index'] as const,
  linked: (assessmentId: number | null | undefined) => ['dti', 'linked', assessmentId] as const,
};

export const inspectionsKeys = {
  ...resource('inspections'),
  findings: (id: number) => ['inspections', 'findings', id] as const,
  recommendations: (followUp: string) => ['inspections', 'recommendations', followUp] as const,
};

export const steeringKeys = {
  ...resource('steering'),
  headResults: (staffId: number) => ['steering', 'head-results', staffId] as const,
};

export const researchSupportKeys = {
  ...resource('research-supports'),
  totals: <F>(filters: F) => ['research-supports', 'totals', filters] as const,
};
export const inspectionPlansKeys = resource('inspection-plans');

export const plansKeys = {
  ...resource('plans'),
  versions: (id: number) => ['plans', 'versions', id] as const,
  dispatches: (id: number) => ['plans', 'dispatches', id] as const,
  allTracking: () => ['plans', 'tracking'] as const,
  tracking: (movementId: number | undefined) => ['plans', 'tracking', movementId] as const,
};

export const remindersKeys = { all: ['reminders'] as const };

export const reportRequestsKeys = {
  ...resource('reportRequests'),
  consolidated: (id: number) => ['reportRequests', 'consolidated', id] as const,
  issues: (id: number) => ['reportRequests', 'issues', id] as const,
};

export const reportsKeys = resource('reports');

export const initiativesKeys = {
  ...resource('initiatives'),
  nominee: <Q>(query: Q) => ['initiatives', 'nominee', query] as const,
};

export const conductKeys = {
  all: ['conduct'] as const,
  /** ratings or flags: each is its own list */
  kind: (kind: 'ratings' | 'flags') => ['conduct', kind] as const,
  list: <F>(kind: 'ratings' | 'flags', filters: F) => ['conduct', kind, filters] as const,
};

export const storiesKeys = {
  ...resource('stories'),
  achievements: (schoolYear: string) => ['stories', 'achievements', schoolYear] as const,
};

export const publicationsKeys = {
  all: ['publications'] as const,
  list: (offset: number, limit: number) => ['publications', 'list', offset, limit] as const,
};

/** The public site's pages (no sign-in). */
export const publicKeys = {
  all: ['public'] as const,
  honourBoard: <F>(filters: F) => ['public', 'honour-board', filters] as const,
  communes: () => ['public', 'communes'] as const,
  rounds: (commune?: number) => ['public', 'rounds', commune ?? 'all'] as const,
  stories: (offset: number, limit: number, commune?: number) =>
    ['public', 'stories', offset, limit, commune ?? 'all'] as const,
  story: (id: number) => ['public', 'story', id] as const,
  results: (offset: number, limit: number, commune?: number) =>
    ['public', 'results', offset, limit, commune ?? 'all'] as const,
  result: (id: number) => ['public', 'result', id] as const,
  certificate: (code: string) => ['public', 'certificate', code] as const,
  criteria: (commune?: number) => ['public', 'criteria', commune ?? 'all'] as const,
  infoCorners: (commune?: number) => ['public', 'info-corners', commune ?? 'all'] as const,
};

export const awardTypesKeys = {
  ...resource('awardTypes'),
  allOptions: () => ['awardTypes', 'options'] as const,
  options: (status: string | undefined) => ['awardTypes', 'options', status ?? 'all'] as const,
  baseSalaries: () => ['awardTypes', 'baseSalaries'] as const,
};

export const awardRoundsKeys = {
  ...resource('awardRounds'),
  options: () => ['awardRounds', 'options'] as const,
};

export const councilMeetingsKeys = resource('councilMeetings');

export const awardDecisionsKeys = {
  ...resource('awardDecisions'),
  // under the decisions' root: issuing a decision refreshes the cash totals too
  cashTotals: (roundId: number | undefined) => ['awardDecisions', 'cashTotals', roundId] as const,
};

export const achievementsKeys = resource('achievements');

export const nominationsKeys = {
  ...resource('nominations'),
  eligibility: <R>(request: R) => ['nominations', 'eligibility', request] as const,
  approvedForDecision: (roundId: number | undefined, level: string) => ['nominations', 'approvedForDecision', roundId, level] as const,
  // the nomination forms' own pickers, kept apart from the awards pages' rounds and meetings
  allRoundOptions: ['award-rounds'] as const,
  roundOptions: () => ['award-rounds', 'options'] as const,
  allRoundMeetings: ['council-meetings'] as const,
  roundMeetings: (roundId: number) => ['council-meetings', 'options', roundId] as const,
};

export const apiKeysKeys = {
  ...resource('api-keys'),
  scopes: () => ['api-keys', 'scopes'] as const,
};

export const webhooksKeys = {
  ...resource('webhooks'),
  events: () => ['webhooks', 'events'] as const,
  deliveries: (webhookId: number) => ['webhooks', 'deliveries', webhookId] as const,
  deliveryList: <F>(webhookId: number, filters: F) => ['webhooks', 'deliveries', webhookId, filters] as const,
};

export const importsKeys = {
  all: ['imports'] as const,
  kinds: () => ['imports', 'kinds'] as const,
  jobs: () => ['imports', 'jobs'] as const,
  jobList: <F>(filters: F) => ['imports', 'jobs', filters] as const,
  job: (id: number) => ['imports', 'job', id] as const,
};

/** The movement's budget: sources, allocations, spending and the summary change together. */
export const budgetKeys = {
  all: ['budget'] as const,
  sources: <F>(filters: F) => ['budget', 'sources', filters] as const,
  allocations: <F>(filters: F) => ['budget', 'allocations', filters] as const,
  spending: <F>(filters: F) => ['budget', 'spending', filters] as const,
  summary: (movementId: number, schoolYear: string) => ['budget', 'summary', movementId, schoolYear] as const,
};

export const partnersKeys = {
  ...resource('partners'),
};

/** Communications (plan, output log), story proposals, info corners; the shared materials library. */
export const commsKeys = {
  all: ['communications'] as const,
  plans: (schoolYear: string) => ['communications', 'plans', schoolYear] as const,
  outputs: <F>(filters: F) => ['communications', 'outputs', filters] as const,
};
export const proposalsKeys = resource('story-proposals');
export const infoCornersKeys = { all: ['info-corners'] as const };
export const materialsKeys = {
  ...resource('materials'),
  recognised: <F>(filters: F) => ['materials', 'recognised', filters] as const,
};

/** Large exports and document batches built by the job queue (issue 19.1), followed until done. */
export const generatedFilesKeys = resource('generated-files');

/** The Department's view of the province (read only). */
export const provinceKeys = {
  all: ['province'] as const,
  communes: () => ['province', 'communes'] as const,
  inbox: (schoolYear: string) => ['province', 'inbox', schoolYear] as const,
  heatmap: <Q>(q: Q) => ['province', 'heatmap', q] as const,
  ranking: <Q>(q: Q) => ['province', 'ranking', q] as const,
  proposals: (schoolYear: string) => ['province', 'proposals', schoolYear] as const,
  movements: (communeId: number | undefined) => ['province', 'movements', communeId] as const,
};
