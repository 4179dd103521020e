import type { InputHTMLAttributes, ReactNode } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  errors?: string[] | undefined;
  hint?: ReactNode;
}

/** A labelled input whose server-side messages are announced to screen readers. */
export function Field({ label, name, errors, hint, ...input }: FieldProps) {
  const errorId = `${name}-error`;
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        name={name}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? errorId : undefined}
        {...input}
      />
      {hint && !errors ? <span className="field-hint">{hint}</span> : null}
      {errors ? (
        <span className="field-error" id={errorId} role="alert">
          {errors.join(' ')}
        </span>
      ) : null}
    </label>
  );
}

export function FormError({ errors }: { errors?: string[] | undefined }) {
  if (!errors) return null;
  return (
    <p className="form-error" role="alert">
      {errors.join(' ')}
    </p>
  );
}
