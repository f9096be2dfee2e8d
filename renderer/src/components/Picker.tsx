import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n';

export interface Option {
  value: string;
  label: string;
  /** extra words the search matches (English name, code) */
  keywords?: string;
}

function matches(option: Option, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  return !q || option.label.toLocaleLowerCase().includes(q) || option.value.toLocaleLowerCase() === q || (option.keywords ?? '').toLocaleLowerCase().includes(q);
}

/**
 * A searchable picker (ARIA combobox): type part of a name in any language or
 * the code, arrows move, Enter picks. `multiple` keeps picked values as tags.
 */
export function Picker({
  id,
  options,
  value,
  onChange,
  multiple = false,
  invalid,
  describedBy,
}: {
  id: string;
  options: Option[];
  value: string[];
  onChange: (value: string[]) => void;
  multiple?: boolean;
  invalid?: boolean;
  describedBy?: string | undefined;
}) {
  const { t } = useI18n();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  const filtered = useMemo(() => options.filter((o) => matches(o, query) && !(multiple && value.includes(o.value))).slice(0, 50), [options, query, multiple, value]);
  const single = !multiple ? byValue.get(value[0] ?? '') : undefined;

  const pick = (option: Option | undefined) => {
    if (!option) return;
    onChange(multiple ? [...value, option.value] : [option.value]);
    setQuery('');
    setOpen(multiple);
    setActive(0);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, filtered.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && query && filtered.length) {
      // Enter picks the highlighted option instead of saving the form.
      e.preventDefault();
      pick(filtered[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === 'Backspace' && !query && value.length) {
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div className="picker">
      <input
        id={id}
        ref={inputRef}
        role="combobox"
        aria-expanded={open && filtered.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && filtered[active] ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        value={open || multiple ? query : (single?.label ?? query)}
        placeholder={single ? single.label : t('intake.pickerSearch')}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
          if (!multiple && !e.target.value) onChange([]);
        }}
        onFocus={(e) => {
          if (!multiple && single) e.currentTarget.select();
        }}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onKeyDown={onKey}
      />
      {open && query && (
        <ul id={listId} role="listbox">
          {filtered.length === 0 ? (
            <li role="option" aria-selected={false} aria-disabled="true">
              {t('intake.pickerNone')}
            </li>
          ) : (
            filtered.map((o, i) => (
              <li key={o.value} id={`${listId}-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => (e.preventDefault(), pick(o))}>
                {o.label}
              </li>
            ))
          )}
        </ul>
      )}
      {multiple && value.length > 0 && (
        <div className="tags">
          {value.map((v) => (
            <span key={v} className="chip">
              {byValue.get(v)?.label ?? v}
              <button type="button" aria-label={t('intake.remove', { name: byValue.get(v)?.label ?? v })} onClick={() => onChange(value.filter((x) => x !== v))}>
                ×
              </button>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
