// The API reference's table of contents: tags, their operations, and the schema index.
import type { ApiTagView } from '@/server/openapi/api-reference';

import { MethodBadge } from './method-badge';

export function tagAnchor(name: string): string {
  return `tag-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

export function ReferenceSidebar({ tags, hasSchemas }: { tags: readonly ApiTagView[]; hasSchemas: boolean }) {
  return (
    <nav aria-label="API reference contents" className="space-y-6 text-sm">
      <a href="#overview" className="block font-medium text-stone-700 hover:text-stone-900">
        Overview
      </a>
      {tags.map((tag) => (
        <div key={tag.name}>
          <a
            href={`#${tagAnchor(tag.name)}`}
            className="block text-xs font-semibold uppercase tracking-wide text-stone-500 hover:text-stone-900"
          >
            {tag.name}
          </a>
          <ul className="mt-2 space-y-1">
            {tag.operations.map((operation) => (
              <li key={operation.anchor}>
                <a
                  href={`#${operation.anchor}`}
                  className="flex items-center gap-2 rounded-md px-1.5 py-1 text-stone-600 hover:bg-stone-100 hover:text-stone-900"
                >
                  <MethodBadge method={operation.method} size="sm" />
                  <span className="truncate font-mono text-xs">{operation.path}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {hasSchemas ? (
        <a href="#schemas" className="block text-xs font-semibold uppercase tracking-wide text-stone-500 hover:text-stone-900">
          Schemas
        </a>
      ) : null}
    </nav>
  );
}
