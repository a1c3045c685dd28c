import 'server-only';
// PUT …/peers/{peer}: upsert (workspace and peer are created when missing); supplied fields replace the stored ones.
import type { WirePeer } from '@/contracts/peers';
import { upsertPeer, type PeerFields } from './upsert-peer';

export async function updatePeer(workspaceName: string, peerName: string, fields: PeerFields): Promise<WirePeer> {
  return (await upsertPeer(workspaceName, peerName, fields)).peer;
}
