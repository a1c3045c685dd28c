// The background work a message write causes (docs/api.md#s5-1, #s5-2, #s5-4), computed at write time so it can be
// recorded as work_items rows in the same transaction as the messages (docs/queue.md): nothing is lost
// if the process dies after the commit. A pure function, so the observer rules are testable without a database.
//
// Peer, session and message references are internal ids (they survive a peer id being reused after deletion);
// readers such as queue status translate wire ids to internal ids before matching `sender_id` / `observer_ids`.
import type { MessageConfiguration } from '@/contracts/messages';
import { effectiveObserveMe, effectiveReasoning, effectiveSummary } from './effective-configuration';

/** Idle debounce and maximum wait of a derivation unit (docs/api.md#s5-2); the worker may override them at claim time. */
export const DERIVE_DEBOUNCE_MS = 5_000;
export const DERIVE_MAX_WAIT_MS = 60_000;

export type PlannedMessage = { id: string; seq: number; senderId: string; configuration: MessageConfiguration };

export type SessionMember = {
  peerId: string;
  /** Session-peer switches; null = inherit. */
  observeMe: boolean | null;
  observeOthers: boolean | null;
  peerConfiguration: unknown;
};

export type PlannedWorkItem = {
  kind: 'derivation' | 'summary' | 'embedding';
  unitKey: string;
  /** null for the batch's embedding item, which names its messages in `payload.message_ids`. */
  messageId: string | null;
  senderId: string | null;
  observerIds: string[];
  payload: Record<string, unknown>;
  /** available_at = now + delayMs */
  delayMs: number;
  /** deadline_at = now + deadlineMs, or none */
  deadlineMs: number | null;
};

export type WorkPlanInput = {
  sessionId: string;
  /** In insertion (seq) order. */
  messages: readonly PlannedMessage[];
  /** Active members after the authors have joined. */
  members: readonly SessionMember[];
  sessionConfiguration: unknown;
  workspaceConfiguration: unknown;
};

export function planMessageWork(input: WorkPlanInput): PlannedWorkItem[] {
  const { sessionId, messages, members } = input;
  const summary = effectiveSummary([input.sessionConfiguration, input.workspaceConfiguration]);
  const byPeer = new Map(members.map((m) => [m.peerId, m]));
  // Members observing others, in a stable order; the sender itself is always its own first observer.
  const watchers = members
    .filter((m) => m.observeOthers === true)
    .map((m) => m.peerId)
    .sort();

  const items: PlannedWorkItem[] = [];
  for (const message of messages) {
    const reasoning = effectiveReasoning([message.configuration, input.sessionConfiguration, input.workspaceConfiguration]);
    const sender = byPeer.get(message.senderId);
    const observed = sender ? effectiveObserveMe(sender.observeMe, sender.peerConfiguration) : true;
    if (reasoning.enabled && observed) {
      items.push({
        kind: 'derivation',
        unitKey: `derive:${sessionId}:${message.senderId}`,
        messageId: message.id,
        senderId: message.senderId,
        observerIds: [message.senderId, ...watchers.filter((id) => id !== message.senderId)],
        // The worker never batches across a change of effective configuration, so the item carries it.
        payload: { seq: message.seq, reasoning: { custom_instructions: reasoning.customInstructions } },
        delayMs: DERIVE_DEBOUNCE_MS,
        deadlineMs: DERIVE_MAX_WAIT_MS,
      });
    }
    if (summary.enabled) {
      for (const [type, interval] of [['short', summary.shortInterval], ['long', summary.longInterval]] as const) {
        if (message.seq % interval !== 0) continue;
        items.push({
          kind: 'summary',
          unitKey: `summary:${sessionId}`,
          messageId: message.id,
          senderId: null,
          observerIds: [],
          // Covers messages seq−interval+1 … seq plus the previous summary of the same type (docs/api.md#s5-4).
          payload: { summary_type: type, seq: message.seq, interval },
          delayMs: 0,
          deadlineMs: null,
        });
      }
    }
  }
  // One embedding item covers the whole write (docs/queue.md): every message is embedded, but an item per message
  // doubled the rows (and the queue triggers' work) of every ingest.
  if (messages.length > 0) {
    items.push({
      kind: 'embedding',
      unitKey: `embed:${sessionId}`,
      messageId: null,
      senderId: null,
      observerIds: [],
      payload: { message_ids: messages.map((m) => m.id) },
      delayMs: 0,
      deadlineMs: null,
    });
  }
  return items;
}
