// The footer of the public pages: licence line and the service links (docs, spec, health).
import Link from 'next/link';

export function SiteFooter() {
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-5 py-8 text-sm text-stone-500 sm:flex-row sm:items-center sm:justify-between">
        <p>Rapport — self-hosted user context for LLM apps. Apache-2.0.</p>
        <p className="flex gap-4">
          <Link href="/docs" className="hover:text-stone-900">
            API reference
          </Link>
          <a href="/openapi.json" className="hover:text-stone-900">
            OpenAPI
          </a>
          <a href="/health" className="hover:text-stone-900">
            Health
          </a>
        </p>
      </div>
    </footer>
  );
}
