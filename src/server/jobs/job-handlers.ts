import 'server-only';
// The job handlers the queue engine runs, by work kind. The engine claims only kinds registered here, so work of a
// kind without a handler stays pending (and visible in queue status) instead of being marked done.
import type { JobHandler, WorkKind } from './job-types';

export const jobHandlers: Partial<Record<WorkKind, JobHandler>> = {};
