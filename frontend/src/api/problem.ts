/** RFC 9457 problem details as returned by the backend for every 4xx/5xx. */
export interface FieldProblem {
  path: string;
  message: string;
  type?: string;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status: number;
  detail?: string | null;
  errors?: FieldProblem[] | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;
  readonly retryAfter: number | null;

  constructor(problem: ProblemDetails, retryAfter: number | null = null) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/** Normalises whatever came back in an error body into ProblemDetails. */
export function toProblem(body: unknown, status: number): ProblemDetails {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const errors = Array.isArray(b.errors)
      ? b.errors
          .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
          .map((e) => ({
            path: String(e.path ?? ''),
            message: String(e.message ?? ''),
            type: e.type === undefined ? undefined : String(e.type),
          }))
      : undefined;
    return {
      type: typeof b.type === 'string' ? b.type : undefined,
      title: typeof b.title === 'string' ? b.title : undefined,
      status: typeof b.status === 'number' ? b.status : status,
      detail: typeof b.detail === 'string' ? b.detail : undefined,
      errors,
    };
  }
  return { status, detail: typeof body === 'string' && body ? body : undefined };
}

/**
 * Maps problem field errors to form field names:
 * "body.code" → "code", "body.roles.0" → "roles". Errors outside the body
 * (query, path, header) are not form fields and are left out.
 * Several messages for one field are joined with " ".
 */
export function fieldErrors(problem: ProblemDetails | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const err of problem?.errors ?? []) {
    const parts = err.path.split('.');
    if (parts[0] !== 'body' || parts.length < 2 || !parts[1]) continue;
    const field = parts[1];
    out[field] = out[field] ? `${out[field]} ${err.message}` : err.message;
  }
  return out;
}

/** Field errors whose field is not in `known` (so they can be shown in the general banner). */
export function unmatchedFieldErrors(problem: ProblemDetails | null | undefined, known: readonly string[]): string[] {
  const mapped = fieldErrors(problem);
  return Object.entries(mapped)
    .filter(([field]) => !known.includes(field))
    .map(([field, message]) => `${field}: ${message}`);
}
