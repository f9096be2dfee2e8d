/** A folder path typed in full (the browser host has no folder dialog): monospace, no spelling fixes. Its hint is `${id}-hint`. */
export function PathInput({ id, value, onChange, placeholder }: { id: string; value: string; onChange: (value: string) => void; placeholder?: string | undefined }) {
  return (
    <input
      id={id}
      type="text"
      className="mono"
      autoComplete="off"
      spellCheck={false}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={`${id}-hint`}
    />
  );
}
