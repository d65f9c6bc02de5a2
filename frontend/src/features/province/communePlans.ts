/** The Department's section "Kế hoạch của các xã": which commune (and movement) is shown, and the
 * counts said above its schools' plan tracking. Pure, unit-tested. */

/** The option a select holds: the chosen id when it is still offered, else the first option's. */
export function chosenId(value: string, options: readonly { id: number }[]): number | undefined {
  const wanted = Number(value);
  return options.find((o) => o.id === wanted)?.id ?? options[0]?.id;
}

export interface PlanCounts {
  schools: number;
  approved: number;
  submitted: number;
  /** no plan yet, a draft, or a plan returned to the school: "chưa gửi hoặc bị trả lại" */
  pending: number;
}

/** How far a commune's schools are: approved plans, plans waiting for the commune, the rest. */
export function planCounts(rows: readonly { status?: string | null }[]): PlanCounts {
  const approved = rows.filter((r) => r.status === 'approved').length;
  const submitted = rows.filter((r) => r.status === 'submitted').length;
  return { schools: rows.length, approved, submitted, pending: rows.length - approved - submitted };
}
