/** Messages per form field, keyed by field name; `form` holds errors about the whole form. */
export type FieldErrors = Record<string, string[]>;
