// The "what you get" grid of the home page.
const FEATURES = [
  {
    title: 'Honcho v3 wire compatibility',
    body: 'Same routes, shapes and semantics as Honcho v3, so @honcho-ai/sdk works unchanged. Point baseURL here and go.',
  },
  {
    title: 'Admin console',
    body: 'Browse workspaces, peers, sessions and derived facts, watch the background queue and see every failure.',
  },
  {
    title: 'Revocable API keys',
    body: 'Keys scoped to a workspace, a peer or a session, shown once and stored hashed. Revoke one without rotating the rest.',
  },
  {
    title: 'Deletion and export',
    body: 'Delete a message, session or user and everything derived only from it. Export all Rapport knows about a user as JSON.',
  },
  {
    title: 'Hybrid retrieval',
    body: 'Full-text and vector search fused by reciprocal rank, so exact names, numbers and non-English terms are still found.',
  },
  {
    title: 'One-command start',
    body: 'Embedded PostgreSQL by default; any PostgreSQL 15+ in production, with or without pgvector. Scales out with workers.',
  },
] as const;

export function FeatureGrid() {
  return (
    <section aria-labelledby="features-heading" className="mx-auto max-w-6xl px-5 py-16">
      <h2 id="features-heading" className="text-2xl font-semibold tracking-tight text-stone-900 sm:text-3xl">
        Everything user context needs, on your own infrastructure.
      </h2>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {FEATURES.map((feature) => (
          <li key={feature.title} className="rounded-xl border border-stone-200 bg-white p-5 shadow-xs">
            <h3 className="flex items-center gap-2 font-medium text-stone-900">
              <span aria-hidden className="size-1.5 rounded-full bg-accent-500" />
              {feature.title}
            </h3>
            <p className="mt-2 text-sm leading-relaxed text-stone-600">{feature.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
