import 'server-only';
// `embedding` work covers two kinds of rows: message chunks (the message embedding handler) and conclusions stored
// while the embedder was failing (recorded by POST …/conclusions, unit `embed-conclusions:<workspace>`). A claim holds
// items of one unit only, but the split below does not rely on it: each item goes to the code that understands it.
import {
  embedRecordedConclusions,
  recordedConclusionIds,
} from '@/server/services/conclusions/conclusion-embedding-work';
import type { JobHandler } from '../job-types';

export function withConclusionEmbeddings(messageHandler: JobHandler): JobHandler {
  return {
    ...messageHandler,
    async run(items, ctx) {
      const conclusions = items.filter((item) => recordedConclusionIds(item) !== null);
      const messages = items.filter((item) => recordedConclusionIds(item) === null);
      if (conclusions.length > 0) await embedRecordedConclusions(conclusions, ctx);
      if (messages.length > 0) await messageHandler.run(messages, ctx);
    },
  };
}
