/** A button that opens the file chooser and hands over the chosen file's name and text. */
import { useRef, type ReactNode } from 'react';

export interface FileButtonProps {
  children: ReactNode;
  accept?: string;
  /** Called with the chosen file; the input is reset so the same file can be chosen again. */
  onFile(file: File): void | Promise<void>;
  testId?: string;
  disabled?: boolean;
  className?: string;
}

/** Button + hidden file input (keyboard and screen readers reach the button; tests reach the input). */
export function FileButton(p: FileButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={p.className} disabled={p.disabled} onClick={() => input.current?.click()}>
        {p.children}
      </button>
      <input
        ref={input}
        type="file"
        accept={p.accept}
        hidden
        data-testid={p.testId}
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) await p.onFile(f);
        }}
      />
    </>
  );
}
