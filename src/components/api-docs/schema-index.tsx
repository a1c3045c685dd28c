// The Schemas section of the API reference: every shared component schema, collapsed until opened.
import { schemaAnchor } from './schema-block';

interface NamedSchema {
  name: string;
  json: string;
}

export function SchemaIndex({ schemas }: { schemas: readonly NamedSchema[] }) {
  return (
    <ul className="space-y-3">
      {schemas.map((schema) => (
        <li key={schema.name} id={schemaAnchor(schema.name)} className="scroll-mt-20">
          <details className="group rounded-xl border border-stone-200 bg-white shadow-xs">
            <summary className="flex cursor-pointer list-none items-center gap-2 px-4 py-3 text-sm">
              <span aria-hidden className="text-stone-400 transition-transform group-open:rotate-90">
                ▸
              </span>
              <span className="font-mono font-medium text-stone-900">{schema.name}</span>
              <span className="ml-auto text-xs text-stone-500">JSON Schema</span>
            </summary>
            <pre className="max-h-[32rem] overflow-auto border-t border-stone-100 p-4 text-xs leading-relaxed text-stone-800">
              <code>{schema.json}</code>
            </pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
