import 'server-only';
// Which model engines serve this deployment, for the overview. A broken model configuration must not take the
// overview down with it: it is shown as the problem it is, in place of the engine names. The model layer (and the
// provider SDKs behind it) is loaded on first use, so console pages that never show engines never load it.
import type { z } from 'zod';
import type { engineStatusOutput } from '@/contracts/console-data-outputs';

export type EngineStatus = z.output<typeof engineStatusOutput>;

export async function describeEngines(): Promise<EngineStatus> {
  try {
    const { getModelEngines } = await import('@/server/models');
    return { ok: true, engines: getModelEngines().describe() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : 'The model configuration could not be read' };
  }
}
