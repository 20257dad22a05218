// The API names a bad item of a list by its index (`items.3.version`, `events.1.on`): these
// helpers turn such details back into messages per item, so a page can show each next to the row
// it sent in that position. Pure functions (unit-tested in details.spec.ts).

/** One broken field as the API reports it (the shape of ApiErrorDetail). */
export interface FieldDetail {
  field: string;
  message: string;
}

/**
 * The messages for each item of the list `list` (e.g. `items`), by the index it had in the
 * request; a field of the list itself (`items`) or of another name is left out.
 */
export function messagesByIndex(
  details: readonly FieldDetail[],
  list: string,
): Map<number, string[]> {
  const prefix = `${list}.`;
  const byIndex = new Map<number, string[]>();
  for (const d of details) {
    if (!d.field.startsWith(prefix)) continue;
    const index = Number(d.field.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(index) || index < 0) continue;
    const messages = byIndex.get(index) ?? [];
    if (!messages.includes(d.message)) messages.push(d.message);
    byIndex.set(index, messages);
  }
  return byIndex;
}

/**
 * The messages per record of a list request, keyed by the record's id: `ids` is the list in the
 * order it was sent.
 */
export function messagesById(
  details: readonly FieldDetail[],
  list: string,
  ids: readonly string[],
): Map<string, string> {
  const byId = new Map<string, string>();
  for (const [index, messages] of messagesByIndex(details, list)) {
    const id = ids[index];
    if (id !== undefined) byId.set(id, messages.join(' '));
  }
  return byId;
}

/** Whether every detail names an item of `list` (nothing else of the request is wrong). */
export function onlyItemProblems(details: readonly FieldDetail[], list: string): boolean {
  return details.length > 0 && details.every((d) => d.field.startsWith(`${list}.`));
}
