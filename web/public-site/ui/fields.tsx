import type { ReactNode } from 'react';

/** ids of the hint and the error under a control, for its aria-describedby. */
function describedBy(id: string, hint?: ReactNode, error?: string) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="pm-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <p className="pm-hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

type TextProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  type?: 'text' | 'tel' | 'date' | 'url';
  inputMode?: 'text' | 'tel' | 'numeric' | 'url';
  autoComplete?: string;
  maxLength?: number;
  multiline?: boolean;
  disabled?: boolean;
};

export function TextField(p: TextProps) {
  const common = {
    id: p.id,
    name: p.id,
    value: p.value,
    maxLength: p.maxLength,
    required: p.required,
    disabled: p.disabled,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': describedBy(p.id, p.hint, p.error),
  };
  return (
    <div className="pm-field">
      <label htmlFor={p.id} className="pm-label">
        {p.label}
        {p.required ? <span className="pm-required">（必填）</span> : null}
      </label>
      <Hint id={p.id} hint={p.hint} />
      {p.multiline ? (
        <textarea {...common} rows={4} onChange={(e) => p.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={p.type ?? 'text'}
          inputMode={p.inputMode}
          autoComplete={p.autoComplete ?? 'off'}
          onChange={(e) => p.onChange(e.target.value)}
        />
      )}
      <FieldError id={p.id} error={p.error} />
    </div>
  );
}

type SelectProps = {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  placeholder?: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
};

export function SelectField(p: SelectProps) {
  return (
    <div className="pm-field">
      <label htmlFor={p.id} className="pm-label">
        {p.label}
        {p.required ? <span className="pm-required">（必填）</span> : null}
      </label>
      <Hint id={p.id} hint={p.hint} />
      <select
        id={p.id}
        name={p.id}
        value={p.value}
        required={p.required}
        disabled={p.disabled}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        onChange={(e) => p.onChange(e.target.value)}
      >
        <option value="">{p.placeholder ?? '请选择'}</option>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={p.id} error={p.error} />
    </div>
  );
}

type CheckProps = {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
};

export function CheckField(p: CheckProps) {
  return (
    <div className="pm-field">
      <label className="pm-check" htmlFor={p.id}>
        <input
          id={p.id}
          name={p.id}
          type="checkbox"
          checked={p.checked}
          required={p.required}
          aria-invalid={p.error ? true : undefined}
          aria-describedby={describedBy(p.id, p.hint, p.error)}
          onChange={(e) => p.onChange(e.target.checked)}
        />
        <span>{p.children}</span>
      </label>
      <Hint id={p.id} hint={p.hint} />
      <FieldError id={p.id} error={p.error} />
    </div>
  );
}

type RadioProps = {
  id: string;
  legend: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  error?: string;
};

export function RadioGroup(p: RadioProps) {
  return (
    <fieldset
      className="pm-field pm-fieldset"
      aria-describedby={p.error ? `${p.id}-error` : undefined}
      aria-invalid={p.error ? true : undefined}
    >
      <legend className="pm-label">{p.legend}</legend>
      <div className="pm-choices">
        {p.options.map((o) => (
          <label key={o.value} className="pm-choice">
            <input
              type="radio"
              name={p.id}
              id={`${p.id}-${o.value}`}
              value={o.value}
              checked={p.value === o.value}
              onChange={() => p.onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={p.id} error={p.error} />
    </fieldset>
  );
}
