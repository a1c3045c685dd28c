// The heading of a console screen: its title (which names the screen's <section>), what it shows, and the screen's
// main actions on the right.
import type { ReactNode } from 'react';

export function ScreenHeader({ id, title, description, actions }: { id: string; title: ReactNode; description: ReactNode; actions?: ReactNode }) {
  const heading = (
    <div>
      <h2 id={id} className="text-lg font-semibold text-stone-900">
        {title}
      </h2>
      <p className="mt-1 max-w-2xl text-sm text-stone-600">{description}</p>
    </div>
  );
  if (actions === undefined) return heading;
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      {heading}
      {actions}
    </div>
  );
}
