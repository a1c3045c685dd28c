// A JSON Schema shown as pretty-printed JSON, collapsible, with a link to its entry in the Schemas section.
import type { ApiSchemaView } from '@/server/openapi/api-reference';

export function schemaAnchor(name: string): string {
  return `schema-${name}`;
}

interface SchemaBlockProps {
  label: string;
  mediaType?: string;
  schema?: ApiSchemaView;
  open?: boolean;
}

export function SchemaBlock({ label, mediaType, schema, open = false }: SchemaBlockProps) {
  if (!schema) {
    return (
      <p className="px-3 py-2 text-sm text-stone-600">
        {label}
        {mediaType ? <span className="ml-2 font-mono text-xs">{mediaType}</span> : null}
      </p>
    );
  }
  return (
    <details open={open} className="group rounded-lg border border-stone-200 bg-stone-50">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-3 py-2 text-sm">
        <span className="flex min-w-0 items-center gap-2">
          <span aria-hidden className="text-stone-400 transition-transform group-open:rotate-90">
            ▸
          </span>
          <span className="text-stone-700">{label}</span>
          {schema.name ? (
            <a href={`#${schemaAnchor(schema.name)}`} className="font-mono text-xs text-accent-700 hover:underline">
              {schema.name}
            </a>
          ) : null}
        </span>
        {mediaType ? <span className="shrink-0 font-mono text-xs text-stone-500">{mediaType}</span> : null}
      </summary>
      <pre className="max-h-96 overflow-auto border-t border-stone-200 bg-white p-3 text-xs leading-relaxed text-stone-800">
        <code>{schema.json}</code>
      </pre>
    </details>
  );
}
