'use client';
// A page of facts grouped by level (explicit, deductive, inductive, contradiction), live facts first and the
// superseded history after them, with the delete dialog shared by every item.
import { useState } from 'react';
import type { ConclusionLevelFilter } from '@/contracts/console-memory';
import { CONCLUSION_LEVELS } from '@/contracts/console-memory';
import { useUrlTarget } from '../ui/use-url-target';
import { DeleteFactDialog } from './delete-fact-dialog';
import { FactItem, type Fact } from './fact-item';
import { LEVEL_LABELS } from './facts-query';

export function FactGroups({ app, facts }: { app: string; facts: Fact[] }) {
  const [deleting, setDeleting] = useState<Fact | null>(null);
  // A provenance link names its fact (`?fact=`): scroll to it and mark it, also after client-side navigation.
  const target = useUrlTarget('fact', 'fact', facts.length > 0);
  const groups = CONCLUSION_LEVELS.map((level) => ({ level, items: facts.filter((f) => f.level === level) })).filter((g) => g.items.length > 0);
  return (
    <div className="space-y-5">
      {groups.map(({ level, items }) => (
        <FactGroup key={level} app={app} level={level} items={items} onDelete={setDeleting} target={target} />
      ))}
      <DeleteFactDialog app={app} fact={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}

function FactGroup({ app, level, items, onDelete, target }: { app: string; level: ConclusionLevelFilter; items: Fact[]; onDelete: (fact: Fact) => void; target: string | null }) {
  const headingId = `facts-${level}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="flex items-baseline gap-2 text-sm font-semibold text-stone-900">
        {LEVEL_LABELS[level].title}
        <span className="text-xs font-normal text-stone-500">{LEVEL_LABELS[level].hint}</span>
      </h3>
      <ul aria-label={`${LEVEL_LABELS[level].title} facts`} className="mt-2 space-y-2">
        {items.map((fact) => (
          <FactItem key={fact.id} app={app} fact={fact} onDelete={onDelete} targeted={fact.id === target} />
        ))}
      </ul>
    </section>
  );
}
