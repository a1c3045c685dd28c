// The seams between Rapport's reasoning code and whatever produces text or vectors: an LLM provider through the AI
// SDK, or the deterministic offline engines used when no provider is configured (docs/architecture.md#models). The worker,
// search and dialectic depend only on these types, so a test can swap any engine for one backed by `ai/test` mocks.
import type { EmbeddingModel, LanguageModel } from 'ai';

/** Tasks that may each use a different model (configuration per task). */
export type ModelTask = 'deriver' | 'summary' | 'dream' | 'dialectic';

/** A message as the engines see it: wire ids, content and time. */
export type TranscriptMessage = {
  /** Public message id. */
  id: string;
  /** Public (wire) peer id of the author. */
  peerId: string;
  content: string;
  createdAt: Date;
};

export type DeriveInput = {
  /** Public id of the peer the facts are about (the author of `targetMessages`). */
  observedPeerId: string;
  /** Public id of the peer holding the view (often the observed peer itself). */
  observerPeerId: string;
  /** The messages to derive facts from, all authored by the observed peer, oldest first. */
  targetMessages: readonly TranscriptMessage[];
  /** Preceding and interleaved messages of other peers, oldest first: context only, never a source of facts. */
  contextMessages: readonly TranscriptMessage[];
  /** Effective `reasoning.custom_instructions`, if any. */
  customInstructions?: string | null;
  signal?: AbortSignal;
};

/** One atomic, self-contained fact about the observed peer (absolute dates, the peer named by its id). */
export type DerivedFact = { content: string; sourceMessageIds: string[] };

export interface FactDeriver {
  /** What produces the facts, e.g. `local:heuristic-extractor` or `openai:gpt-4o-mini`. */
  readonly engine: string;
  /** Resolves to the facts found (possibly none). A model answer that is empty or cannot be parsed rejects with a ModelOutputError. */
  derive(input: DeriveInput): Promise<DerivedFact[]>;
}

export type SummaryInput = {
  kind: 'short' | 'long';
  /** The previous summary of the same kind (rolling summaries), or null. */
  previousSummary: string | null;
  /** The messages this summary newly covers, oldest first. */
  messages: readonly TranscriptMessage[];
  signal?: AbortSignal;
};

export interface Summariser {
  readonly engine: string;
  /** Never resolves to an empty string: an empty generation rejects with a ModelOutputError. */
  summarise(input: SummaryInput): Promise<string>;
}

/** A conclusion as a dream sees it. */
export type DreamConclusion = {
  id: string;
  level: 'explicit' | 'deductive' | 'inductive' | 'contradiction';
  content: string;
  createdAt: Date;
  sourceIds: readonly string[];
};

export type DreamInput = {
  observerPeerId: string;
  observedPeerId: string;
  /** The view's live conclusions, oldest first. */
  conclusions: readonly DreamConclusion[];
  /** The current card of the view, or null when none exists (or `rebuild` was asked). */
  card: readonly string[] | null;
  mode: 'omni' | 'card_refresh';
  signal?: AbortSignal;
};

export type DreamOutput = {
  /** Implications and knowledge updates; `premiseIds` are ids from the input (≥1). */
  deductions: { content: string; premiseIds: string[] }[];
  /** Patterns supported by ≥2 input conclusions. */
  inductions: { content: string; sourceIds: string[]; patternType: string; confidence: 'low' | 'medium' | 'high' }[];
  /** Conflicting statements among the inputs (≥2 ids). */
  contradictions: { content: string; sourceIds: string[] }[];
  /** Input conclusions that stopped being true, each with the input conclusion (or deduction index) that replaced it. */
  superseded: { id: string; byId?: string; byDeductionIndex?: number }[];
  /** The refreshed card (≤40 entries, each ≤200 chars), or null to leave the card unchanged. */
  card: string[] | null;
};

export interface Dreamer {
  readonly engine: string;
  dream(input: DreamInput): Promise<DreamOutput>;
}

export interface Embedder {
  /** e.g. `local:hashed-ngrams` or `openai:text-embedding-3-small`; stored in the embeddings' `model` column. */
  readonly engine: string;
  /** Always equal to the deployment's vector storage dimension. */
  readonly dimensions: number;
  /** Longest input (in o200k tokens) one vector may cover; callers chunk longer texts. */
  readonly maxInputTokens: number;
  /** One vector per text, same order. Provider failures reject with a ModelCallError. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}

/** What the console and /health show about the active engines. */
export type EngineDescription = {
  deriver: string;
  summary: string;
  dream: string;
  dialectic: string;
  embedder: string;
  embeddingDimensions: number;
};

export type ModelEngines = {
  deriver: FactDeriver;
  summariser: Summariser;
  dreamer: Dreamer;
  embedder: Embedder;
  /** The dialectic's language model, or null when the offline retrieval-grounded answerer is active. */
  dialecticModel: LanguageModel | null;
  describe(): EngineDescription;
};

/** What tests (and exotic deployments) can inject instead of configured providers. */
export type ModelEngineOverrides = {
  languageModels?: Partial<Record<ModelTask, LanguageModel>>;
  embeddingModel?: EmbeddingModel;
};
