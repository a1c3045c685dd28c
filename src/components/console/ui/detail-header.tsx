// The head of a detail screen: the subject's id as the heading, with a tag beside it (a state badge or a copy
// button), a line of facts about it below, and its actions on the right.
import type { ReactNode } from 'react';

const headingLayout = { badge: 'flex-wrap gap-3', button: 'min-w-0 gap-1.5' } as const;

type Props = { id: string; tag: ReactNode; tagKind?: keyof typeof headingLayout; summary: ReactNode; actions: ReactNode };

export function DetailHeader({ id, tag, tagKind = 'badge', summary, actions }: Props) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <h2 className={`flex ${headingLayout[tagKind]} items-center font-mono text-xl font-semibold text-stone-900`}>
          <span className="truncate">{id}</span>
          {tag}
        </h2>
        <p className="mt-1 text-sm text-stone-600">{summary}</p>
      </div>
      {actions}
    </div>
  );
}
