'use client';
// The filter form above a list: its fields and a Filter button. Submitting goes to the URL the screen builds from the
// fields' trimmed values, so a filtered view is a link like any other.
import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { Button } from './button';

type Props = {
  label: string;
  /** The URL of the filtered view, from the value of each named field. */
  hrefOf: (field: (name: string) => string) => string;
  className?: string;
  children: ReactNode;
};

export function FilterForm({ label, hrefOf, className = 'flex flex-wrap items-end gap-2', children }: Props) {
  const router = useRouter();
  return (
    <form
      role="search"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        router.push(hrefOf((name) => String(form.get(name) ?? '').trim()));
      }}
      className={className}
    >
      {children}
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
