/** Zod issues → one error per form field, in the form's order; anything else is "form". */
export function fieldErrors<F extends string>(issues: readonly { path: readonly PropertyKey[] }[], fields: readonly F[]): (F | 'form')[] {
  const found = new Set<F | 'form'>();
  for (const issue of issues) {
    const first = issue.path[0];
    found.add((fields as readonly unknown[]).includes(first) ? (first as F) : 'form');
  }
  return (['form', ...fields] as (F | 'form')[]).filter((f) => found.has(f));
}
