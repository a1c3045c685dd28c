import 'server-only';
// The shape of one MCP tool: a name agents already know from Honcho's MCP server, an input schema assembled from the
// REST contract's own field schemas (so a bad argument is described in the words the REST route would use), and a
// run function that turns the arguments into one or more REST calls.
import { z } from 'zod';
import type { RouteContract } from '@/contracts/route-contract';
import type { Credential } from '@/server/services/auth/credential';
import { InvalidInputError } from '@/server/services/errors';
import type { RestCall, RestOutcome } from './rest-dispatch';

export type ToolContext = {
  credential: Credential;
  call(contract: RouteContract, call: RestCall): Promise<RestOutcome>;
};

export type McpToolDefinition<S extends z.ZodObject = z.ZodObject> = {
  name: string;
  description: string;
  input: S;
  run(args: z.output<S>, context: ToolContext): Promise<RestOutcome>;
};

export function defineTool<S extends z.ZodObject>(tool: McpToolDefinition<S>): McpToolDefinition {
  return tool as unknown as McpToolDefinition;
}

/** `workspace_id`, optional because a workspace, peer or session credential already names its workspace. */
export const workspaceArg = z
  .string()
  .min(1)
  .optional()
  .meta({ description: 'Workspace id; may be omitted when the credential is bound to a workspace.' });

/** The argument, or the workspace the credential is bound to; an admin credential must name one. */
export function resolveWorkspace(credential: Credential, workspaceId: string | undefined): string {
  if (workspaceId !== undefined) return workspaceId;
  if (credential.kind !== 'admin' && credential.workspace) return credential.workspace;
  throw InvalidInputError.at('body.workspace_id', 'Field required');
}

/** `limit` of the MCP tools is the `size` of a REST page. */
export const limitArg = z.number().int().min(1).max(100).optional().meta({ description: 'Items per page, 1–100 (default 50).' });
export const pageArg = z.number().int().min(1).optional().meta({ description: 'Page number, from 1.' });

/** The first failed call of a composite tool, or undefined when all succeeded. */
export function firstFailure(...outcomes: RestOutcome[]): RestOutcome | undefined {
  return outcomes.find((outcome) => !outcome.ok);
}

/** A successful outcome built from several calls. */
export function composed(body: unknown): RestOutcome {
  return { ok: true, status: 200, body };
}

/** `filters` plus the convenience arguments that stand for filter keys; absent keys are left out. */
export function mergeFilters(filters: unknown, extra: Record<string, string | undefined>): unknown {
  const defined = Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined));
  if (Object.keys(defined).length === 0) return filters;
  if (filters === undefined || filters === null) return defined;
  // Sibling keys are ANDed, so a plain object without the same keys simply gains them.
  const plain = typeof filters === 'object' && !Array.isArray(filters);
  if (plain && Object.keys(defined).every((key) => !(key in filters))) return { ...filters, ...defined };
  return { AND: [filters, defined] };
}
