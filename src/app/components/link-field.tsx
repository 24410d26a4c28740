import { useId, useState, type FormEvent } from 'react';

/** A one-line form that hands its trimmed text to `onOpen` (an image link or reference). */
export function LinkField({
  onOpen,
  formLabel,
  label,
  placeholder,
  className,
  buttonClassName,
}: {
  onOpen: (text: string) => void;
  formLabel: string;
  label: string;
  placeholder: string;
  className: string;
  buttonClassName: string;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (text.trim()) onOpen(text.trim());
  };
  return (
    <form className={className} onSubmit={submit} aria-label={formLabel}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="url"
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className={buttonClassName}>
        Open
      </button>
    </form>
  );
}
