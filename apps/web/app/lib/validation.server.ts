import { data } from 'react-router';
import type { z } from 'zod';
import type { FieldErrors } from './field-errors.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

/**
 * The request's form fields, or a 400 naming the cause when the body is not a form (JSON, plain
 * text, no body at all, multipart without its boundary or cut short): `request.formData()` would
 * throw a TypeError, a 500. An empty urlencoded body is an empty form, left to the schema.
 */
export async function readForm(request: Request): Promise<FormData> {
  const cause = notAFormCause(request);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data(
      `The request body is not a form: ${cause}. Send application/x-www-form-urlencoded or multipart/form-data fields.`,
      { status: 400 },
    );
  }
  assertNoNul(form);
  return form;
}

/**
 * Postgres text cannot hold U+0000 (the query fails, a 500), and no one types it: a field that
 * carries one is refused whole, before any schema or query sees it.
 */
function assertNoNul(form: FormData): void {
  for (const [name, value] of form) {
    if (!name.includes('\0') && (typeof value !== 'string' || !value.includes('\0'))) continue;
    const field = JSON.stringify(name.slice(0, 40));
    throw data(`The form field ${field} contains a NUL character (\\0), which cannot be stored.`, {
      status: 400,
    });
  }
}

/** Read before the body is consumed: afterwards an empty body cannot be told apart. */
function notAFormCause(request: Request): string {
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  const empty = request.body === null || request.headers.get('content-length') === '0';
  if (!mediaType)
    return empty ? 'the body is empty and has no Content-Type' : 'it has no Content-Type';
  if (mediaType === 'multipart/form-data') {
    return 'its multipart/form-data body is malformed (no boundary, or a part cut short)';
  }
  // The type is the client's own text: cut it short before it goes into a page.
  return `its Content-Type is ${mediaType.slice(0, 80)}`;
}

/** Validates form fields against a zod schema, collecting messages per field. */
export function parseForm<S extends z.ZodType>(form: FormData, schema: S): Parsed<z.output<S>> {
  const fields: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of form) fields[key] = value;
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true, value: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    // Messages about nested values (a line of a textarea) belong to the form field they came from.
    const key = issue.path.length > 0 ? String(issue.path[0]) : 'form';
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return { ok: false, fieldErrors };
}

/** A 400 carrying the messages the form shows next to each field. */
export function invalid(fieldErrors: FieldErrors) {
  return data({ ok: false as const, fieldErrors }, { status: 400 });
}
