import 'server-only';
// GET …/messages/{id} (docs/api.md#s3-6).
import type { WireMessage } from '@/contracts/messages';
import { getDb, type DbClient } from '@/server/db/client';
import { requireMessage, type MessageAddress } from './find-message';
import { toWire } from './message-rows';

export async function getMessage(address: MessageAddress, db: DbClient = getDb()): Promise<WireMessage> {
  return toWire(await requireMessage(db, address), address);
}
