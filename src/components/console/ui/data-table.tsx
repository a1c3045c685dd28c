// A console table: the framed, scrollable table with a screen-reader caption, a header row built from its columns
// and the rows given as children.
import type { ReactNode } from 'react';
import { tableClasses, tableFrame, theadClasses, Th } from './table';

export type Column = string | { label: ReactNode; align?: 'left' | 'right'; className?: string };

type Props = {
  caption?: string;
  columns: Column[];
  /** Extra classes on the <table>, such as a minimum width that makes narrow screens scroll rather than squeeze. */
  className?: string;
  frameClassName?: string;
  children: ReactNode;
};

export function DataTable({ caption, columns, className = '', frameClassName = tableFrame, children }: Props) {
  return (
    <div className={frameClassName}>
      <table className={`${tableClasses} ${className}`}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className={theadClasses}>
          <tr>
            {columns.map((column, i) =>
              typeof column === 'string' ? (
                <Th key={i}>{column}</Th>
              ) : (
                <Th key={i} align={column.align} className={column.className}>
                  {column.label}
                </Th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">{children}</tbody>
      </table>
    </div>
  );
}
