// The link an empty, filtered list offers to see everything again.
import Link from 'next/link';
import type { ReactNode } from 'react';

export function ClearFiltersLink({ href, children = 'Clear filters' }: { href: string; children?: ReactNode }) {
  return (
    <Link href={href} className="font-medium text-accent-700 hover:underline">
      {children}
    </Link>
  );
}
