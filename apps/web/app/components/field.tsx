import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  errors?: string[] | undefined;
  hint?: ReactNode;
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  name: string;
  errors?: string[] | undefined;
  children: ReactNode;
}

/**
 * Label, control and messages. The label points at the control instead of wrapping it, so the
 * control's accessible name is just the label (not the label plus a selected option or an error).
 */
function FieldFrame({
  label,
  controlId,
  errorId,
  errors,
  hint,
  children,
}: {
  label: string;
  controlId: string;
  errorId: string;
  errors: string[] | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={controlId}>
        {label}
      </label>
      {children}
      {hint && !errors ? <span className="field-hint">{hint}</span> : null}
      {errors ? (
        <span className="field-error" id={errorId} role="alert">
          {errors.join(' ')}
        </span>
      ) : null}
    </div>
  );
}

/** A labelled input whose server-side messages are announced to screen readers. */
export function Field({ label, name, errors, hint, ...input }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <FieldFrame label={label} controlId={id} errorId={errorId} errors={errors} hint={hint}>
      <input
        id={id}
        name={name}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? errorId : undefined}
        {...input}
      />
    </FieldFrame>
  );
}

/** A labelled `<select>`; its options are the children. */
export function SelectField({ label, name, errors, children, ...select }: SelectFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <FieldFrame label={label} controlId={id} errorId={errorId} errors={errors}>
      <select
        id={id}
        name={name}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? errorId : undefined}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
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
