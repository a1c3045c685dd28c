// An id in a table row: a link to the thing it names, with a button that copies the id.
import Link from 'next/link';
import { CopyIdButton } from './copy-id-button';

export function IdLink({ id, href, copyLabel }: { id: string; href: string; copyLabel: string }) {
  return (
    <span className="flex items-center gap-1">
      <Link href={href} className="font-mono text-[13px] font-medium text-stone-900 hover:text-accent-700 hover:underline">
        {id}
      </Link>
      <CopyIdButton value={id} label={copyLabel} />
    </span>
  );
}
