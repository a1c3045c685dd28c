// GET /docs — human-readable API reference, rendered on the server from the same document as /openapi.json
import type { Metadata } from 'next';

import { AuthScopeTable } from '@/components/api-docs/auth-scope-table';
import { OperationCard } from '@/components/api-docs/operation-card';
import { ReferenceSidebar, tagAnchor } from '@/components/api-docs/reference-sidebar';
import { SchemaIndex } from '@/components/api-docs/schema-index';
import { CodeBlock } from '@/components/site/code-block';
import { SiteFooter } from '@/components/site/site-footer';
import { SiteHeader } from '@/components/site/site-header';
import { toApiReference } from '@/server/openapi/api-reference';
import { getOpenApiDocument } from '@/server/openapi/build-openapi-document';

export const metadata: Metadata = {
  title: 'API reference',
  description: 'Every Rapport REST route: auth scope, parameters, request and response schemas.',
};

const AUTH_EXAMPLE = `curl http://localhost:8000/v3/workspaces \\
  -H 'Authorization: Bearer <jwt or API key>' \\
  -H 'Content-Type: application/json' \\
  -d '{"id": "my-app"}'`;

export default function DocsPage() {
  const reference = toApiReference(getOpenApiDocument());
  return (
    <>
      <SiteHeader current="docs" />
      <div className="mx-auto grid max-w-6xl gap-10 px-5 py-10 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <aside className="hidden lg:block">
          <div className="sticky top-20 max-h-[calc(100dvh-6rem)] overflow-y-auto pb-8">
            <ReferenceSidebar tags={reference.tags} hasSchemas={reference.schemas.length > 0} />
          </div>
        </aside>

        <main className="min-w-0 space-y-14">
          <section id="overview" className="scroll-mt-20 space-y-5">
            <div>
              <p className="text-sm font-semibold uppercase tracking-wider text-accent-700">Version {reference.version}</p>
              <h1 className="mt-1 text-3xl font-semibold tracking-tight text-stone-900">{reference.title}</h1>
            </div>
            <p className="max-w-3xl leading-relaxed text-stone-600">
              The <code className="text-sm">/v3</code> routes are wire-compatible with Honcho v3: the official{' '}
              <code className="text-sm">@honcho-ai/sdk</code> works unchanged with its <code className="text-sm">baseURL</code>{' '}
              set to this server. Bodies are JSON, errors are JSON with a string <code className="text-sm">detail</code>, and
              every response carries an <code className="text-sm">x-request-id</code> header. The machine-readable version
              of this page is{' '}
              <a href="/openapi.json" className="font-medium text-accent-700 hover:underline">
                /openapi.json
              </a>{' '}
              (OpenAPI 3.1).
            </p>
            <div className="grid gap-6 xl:grid-cols-2">
              <div className="space-y-3">
                <h2 className="font-medium text-stone-900">Authentication</h2>
                <p className="text-sm leading-relaxed text-stone-600">
                  With authentication enabled, send <code>Authorization: Bearer &lt;credential&gt;</code>: a Honcho-format
                  JWT or an API key created in the console. Every failure is a <code>401</code>. Each operation shows the
                  auth code it accepts:
                </p>
                <CodeBlock title="Example" language="sh" tone="light">
                  {AUTH_EXAMPLE}
                </CodeBlock>
              </div>
              <AuthScopeTable />
            </div>
          </section>

          {reference.tags.map((tag) => (
            <section key={tag.name} id={tagAnchor(tag.name)} className="scroll-mt-20 space-y-5">
              <header className="border-b border-stone-200 pb-3">
                <h2 className="text-xl font-semibold tracking-tight text-stone-900">{tag.name}</h2>
                {tag.description ? <p className="mt-1 text-sm text-stone-600">{tag.description}</p> : null}
              </header>
              {tag.operations.map((operation) => (
                <OperationCard key={operation.anchor} operation={operation} />
              ))}
            </section>
          ))}

          {reference.schemas.length > 0 ? (
            <section id="schemas" className="scroll-mt-20 space-y-5">
              <header className="border-b border-stone-200 pb-3">
                <h2 className="text-xl font-semibold tracking-tight text-stone-900">Schemas</h2>
                <p className="mt-1 text-sm text-stone-600">Shared shapes referenced by the operations above.</p>
              </header>
              <SchemaIndex schemas={reference.schemas} />
            </section>
          ) : null}
        </main>
      </div>
      <SiteFooter />
    </>
  );
}
