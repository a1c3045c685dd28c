// The quick-start section of the home page: start the server, then use the official Honcho SDK unchanged.
import { CodeBlock } from '@/components/site/code-block';

const START = `# in a Rapport checkout
npm install
npm run dev   # → http://localhost:8000`;

const SDK_EXAMPLE = `import { Honcho } from '@honcho-ai/sdk';

// The official Honcho SDK, pointed at your own Rapport server.
const honcho = new Honcho({
  baseURL: 'http://localhost:8000',
  apiKey: process.env.RAPPORT_API_KEY, // not needed while auth is off
  workspaceId: 'my-app',
});

const user = await honcho.peer('user-42');
const assistant = await honcho.peer('assistant');
const session = await honcho.session('onboarding');

// 1. Store the conversation as it happens.
await session.addMessages([
  user.message("I'm vegetarian and I'm training for a marathon in May."),
  assistant.message('Great goal! Want meal ideas that fit your training?'),
]);

// 2. Rapport derives facts about user-42 in the background.

// 3. Ask about the user whenever your app needs context.
const answer = await user.chat('What should I know before suggesting a recipe?');
console.log(answer);`;

export function QuickStart() {
  return (
    <section id="quick-start" className="border-t border-stone-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-10 px-5 py-16 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div>
          <p className="text-sm font-semibold uppercase tracking-wider text-accent-700">Quick start</p>
          <h2 className="mt-2 text-2xl font-semibold tracking-tight text-stone-900 sm:text-3xl">
            One command to run, zero code to port.
          </h2>
          <p className="mt-4 leading-relaxed text-stone-600">
            <code className="rounded bg-stone-100 px-1.5 py-0.5 text-sm">npm run dev</code> starts an embedded PostgreSQL
            with vector search, applies migrations and serves the API on port 8000. No external services, and without a
            model provider it still works offline with built-in local engines.
          </p>
          <p className="mt-4 leading-relaxed text-stone-600">
            Apps already written against Honcho v3 only change their <code className="text-sm">baseURL</code>. Create
            scoped, revocable API keys in the console when you turn authentication on.
          </p>
          <CodeBlock title="Terminal" language="sh" className="mt-6">
            {START}
          </CodeBlock>
        </div>
        <CodeBlock title="app.ts" language="ts">
          {SDK_EXAMPLE}
        </CodeBlock>
      </div>
    </section>
  );
}
