'use client';
// A filter text box that submits to the URL (Enter or the button), so the filtered view has a shareable address.
import { SearchIcon } from './icons';
import { inputClasses } from './field';

type Props = { name: string; label: string; defaultValue: string; placeholder?: string; className?: string };

export function SearchField({ name, label, defaultValue, placeholder, className = '' }: Props) {
  return (
    <div className={className}>
      <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-stone-600">
        {label}
      </label>
      <div className="relative mt-1">
        <SearchIcon className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-stone-400" />
        <input id={`filter-${name}`} name={name} type="search" defaultValue={defaultValue} placeholder={placeholder} autoComplete="off" spellCheck={false} className={`${inputClasses} pl-8`} />
      </div>
    </div>
  );
}
