/** Small form fields for the inspector: text that commits on blur or Enter (one undo step per edit). */
import { useEffect, useState, type ReactNode } from 'react';

let seq = 0;
const nextId = () => `cf-${++seq}`;

/** A labelled text input that reports its value when the user leaves it or presses Enter. */
export function TextField({ label, value, onCommit, placeholder, testId }: { label: string; value: string; onCommit(v: string): void; placeholder?: string; testId?: string }) {
  const [v, setV] = useState(value);
  const [id] = useState(nextId);
  useEffect(() => setV(value), [value]);
  const commit = () => v !== value && onCommit(v);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={v}
        placeholder={placeholder}
        data-testid={testId}
        onChange={(e) => setV(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setV(value);
        }}
      />
    </div>
  );
}

/** A labelled select. */
export function SelectField({ label, value, onChange, children, testId }: { label: string; value: string; onChange(v: string): void; children: ReactNode; testId?: string }) {
  const [id] = useState(nextId);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {children}
      </select>
    </div>
  );
}
