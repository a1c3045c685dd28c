import 'server-only';
// What every engine backed by one language model holds: the model, the engine name that results and errors are
// reported under, and the timeout of each call. The deriver, summariser and dreamer differ only in what they ask.
import type { LanguageModel } from 'ai';

export type LanguageModelEngineOptions = { model: LanguageModel; engine: string; timeoutMs: number };

export abstract class LanguageModelEngine {
  readonly engine: string;
  protected readonly model: LanguageModel;
  protected readonly timeoutMs: number;

  constructor(options: LanguageModelEngineOptions) {
    this.model = options.model;
    this.engine = options.engine;
    this.timeoutMs = options.timeoutMs;
  }
}
