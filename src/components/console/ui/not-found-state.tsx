// "There is no such thing": what was not found, and a link back to the nearest list that exists.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClasses } from './button';
import { EmptyState } from './states';

export type NotFound = { icon?: ReactNode; title: string; body: string; backHref: string; backLabel: string };

export function NotFoundState({ icon, title, body, backHref, backLabel }: NotFound) {
  return (
    <EmptyState
      icon={icon}
      title={title}
      body={body}
      action={
        <Link href={backHref} className={buttonClasses('secondary')}>
          {backLabel}
        </Link>
      }
    />
  );
}
