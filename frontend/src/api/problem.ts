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

/** "body.code" → "code", "body.roles.0" → "roles", "query.signer" → "signer" (a download's form sends
 * its fields as query parameters); null for the body as a whole, a path or a header. */
function bodyField(path: string): string | null {
  const parts = path.split('.');
  return (parts[0] === 'body' || parts[0] === 'query') && parts.length >= 2 && parts[1] ? parts[1] : null;
}

/**
 * Maps problem field errors to form field names. Several messages for one field are joined with
 * " ", each message once (a list's items often fail alike).
 */
export function fieldErrors(problem: ProblemDetails | null | undefined): Record<string, string> {
  return Object.fromEntries(fieldProblems(problem).map((p) => [p.field, p.message]));
}

/** One entry per field of the body, in the order the API gave them, messages deduplicated. */
export function fieldProblems(problem: ProblemDetails | null | undefined): { field: string; message: string }[] {
  const byField = new Map<string, string[]>();
  for (const err of problem?.errors ?? []) {
    const field = bodyField(err.path);
    if (!field) continue;
    const messages = byField.get(field) ?? [];
    if (!messages.includes(err.message)) messages.push(err.message);
    byField.set(field, messages);
  }
  return [...byField].map(([field, messages]) => ({ field, message: messages.join(' ') }));
}
