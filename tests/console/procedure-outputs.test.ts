// Every console query and mutation declares what it answers (docs/architecture.md#response-contracts), so tRPC checks
// each result against a schema from src/contracts/console-*-outputs.ts and the UI's types come from that schema.
// Subscriptions are streams and keep their own event types.
import { describe, expect, it } from 'vitest';
import { appRouter } from '@/server/trpc/app-router';

type ProcedureDef = { type: 'query' | 'mutation' | 'subscription'; output?: unknown };
// The router's flat table of procedures; its types are tRPC's deep generics, the definition fields are all this reads.
const procedures = Object.entries<unknown>(appRouter._def.procedures).map(([name, procedure]) => [name, procedure as { _def: ProcedureDef }] as const);

describe('console procedure outputs', () => {
  it('finds the procedures', () => {
    expect(procedures.length).toBeGreaterThan(60);
    expect(procedures.map(([name]) => name)).toContain('facts.list');
  });

  it('declares an output schema on every query and mutation', () => {
    const missing = procedures.filter(([, p]) => p._def.type !== 'subscription' && p._def.output === undefined).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('leaves only streams without one', () => {
    const streams = procedures.filter(([, p]) => p._def.type === 'subscription').map(([name]) => name);
    expect(streams).toEqual(['playground.ask']);
  });
});
