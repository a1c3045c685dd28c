// What the console shows about a stored key: never the key or its hash, only the visible prefix and the bookkeeping.
import type { ApiKey } from '@/generated/prisma/client';
import type { z } from 'zod';
import type { API_KEY_STATUSES, apiKeySummaryOutput } from '@/contracts/console-account-outputs';

export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

export type ApiKeySummary = z.output<typeof apiKeySummaryOutput>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function apiKeyStatus(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now = new Date()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export function toApiKeySummary(key: ApiKey & { createdBy?: { email: string } | null }, now = new Date()): ApiKeySummary {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scope: key.scope,
    peer: key.peerName,
    session: key.sessionName,
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy?.email ?? null,
    lastUsedAt: iso(key.lastUsedAt),
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    status: apiKeyStatus(key, now),
  };
}
