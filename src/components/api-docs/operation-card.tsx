// One operation of the API reference: method, path, summary, auth scope, parameters, request body and responses.
import type { ApiOperationView } from '@/server/openapi/api-reference';

import { MethodBadge } from './method-badge';
import { ParameterTable } from './parameter-table';
import { SchemaBlock } from './schema-block';

function statusTone(status: string): string {
  if (status.startsWith('2')) return 'text-accent-700';
  if (status.startsWith('4')) return 'text-amber-700';
  if (status.startsWith('5')) return 'text-rose-700';
  return 'text-stone-600';
}

function AuthPill({ auth, description }: { auth: string; description: string }) {
  const open = auth === 'none';
  return (
    <span
      title={description}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        open ? 'bg-stone-50 text-stone-600 ring-stone-200' : 'bg-white text-stone-800 ring-stone-300'
      }`}
    >
      <span aria-hidden>{open ? '○' : '●'}</span>
      {open ? 'No auth' : `Auth: ${auth}`}
    </span>
  );
}

export function OperationCard({ operation }: { operation: ApiOperationView }) {
  return (
    <article id={operation.anchor} className="scroll-mt-20 rounded-xl border border-stone-200 bg-white shadow-xs">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-stone-100 px-5 py-4">
        <MethodBadge method={operation.method} />
        <code className="break-all text-sm font-medium text-stone-900">{operation.path}</code>
        <span className="ml-auto">
          <AuthPill auth={operation.auth} description={operation.authDescription} />
        </span>
      </header>
      <div className="space-y-5 px-5 py-4">
        <div>
          <h3 className="font-medium text-stone-900">{operation.summary}</h3>
          {operation.description ? (
            <p className="mt-1 text-sm leading-relaxed text-stone-600">{operation.description}</p>
          ) : null}
          {operation.auth !== 'none' ? (
            <p className="mt-1 text-xs text-stone-500">{operation.authDescription}</p>
          ) : null}
        </div>

        {operation.parameters.length > 0 ? (
          <section className="space-y-2">
            <h4 className="text-xs font-semibold uppercase tracking-wide text-stone-500">Parameters</h4>
            <ParameterTable parameters={operation.parameters} />
          </section>
        ) : null}

        {operation.requestBody ? (
          <section className="space-y-2">
            <h4 className="text-xs font-semibold uppercase tracking-wide text-stone-500">Request body</h4>
            <SchemaBlock
              label={operation.requestBody.required ? 'Required' : 'Optional'}
              mediaType={operation.requestBody.mediaType}
              schema={operation.requestBody.schema}
            />
          </section>
        ) : null}

        <section className="space-y-2">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-stone-500">Responses</h4>
          <ul className="space-y-2">
            {operation.responses.map((response) => (
              <li key={response.status} className="flex items-start gap-3">
                <span className={`w-10 shrink-0 pt-2 font-mono text-sm font-semibold ${statusTone(response.status)}`}>
                  {response.status}
                </span>
                <div className="min-w-0 flex-1">
                  <SchemaBlock label={response.description} mediaType={response.mediaType} schema={response.schema} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </article>
  );
}
