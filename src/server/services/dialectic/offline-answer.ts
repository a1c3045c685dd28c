import 'server-only';
// The dialectic without a language model (docs/architecture.md#models): a retrieval-grounded answer. It hybrid-searches the
// view's conclusions and the confined messages, keeps what actually bears on the question, and writes an answer that
// cites each fact with its date — or says plainly that it knows nothing yet. It never states anything it did not read.
import { conclusionDate, dayOf } from './recall-format';
import type { RecalledConclusion, RecalledMessage, RecallReader } from './recall-reader';
import { ALL_LEVELS, DERIVED_LEVELS } from './recall-scope';
import { mentionsAny, questionTerms } from './question-terms';

const CONCLUSIONS_SHOWN = 8;
const MESSAGES_SHOWN = 4;
const QUOTE_CHARS = 300;
const SOURCES_EXPANDED = 3;
const EXPLICIT_READ = CONCLUSIONS_SHOWN * 2;
const DERIVED_READ = 6;

export type OfflineAnswer = {
  text: string;
  /** The facts the answer cites, one line each (what a structured answer's arrays are filled with). */
  facts: string[];
};

export async function composeOfflineAnswer(reader: RecallReader, question: string): Promise<OfflineAnswer> {
  const { view } = reader.recall;
  const subject = view ? view.observed.name : 'this workspace';
  const names = view ? [view.observer.name, view.observed.name] : [];
  const terms = questionTerms(question, names);

  let conclusions: RecalledConclusion[];
  let messages: RecalledMessage[] = [];
  if (terms.general) {
    // "What do you know about alice?": the most recent facts, explicit first.
    conclusions = [
      ...(await reader.searchConclusions('', CONCLUSIONS_SHOWN, ['explicit'])),
      ...(await reader.searchConclusions('', 3, DERIVED_LEVELS)),
    ];
  } else {
    // Topic words widen the lexical leg: "where is she based" must reach "alice lives in Lisbon".
    const query = terms.related.length > 0 ? `${question} ${terms.related.join(' ')}` : question;
    // One hybrid search over every level, split afterwards: each search costs an embedding, a BM25 pass and a vector
    // pass that grow with the view, so a second search per level was the largest avoidable cost of an answer.
    const hits = await reader.searchConclusions(query, EXPLICIT_READ + DERIVED_READ, ALL_LEVELS);
    const explicit = hits.filter((c) => c.level === 'explicit').slice(0, EXPLICIT_READ);
    const derived = hits.filter((c) => c.level !== 'explicit').slice(0, DERIVED_READ);
    conclusions = [...explicit, ...derived].filter((c) => mentionsAny(c.content, terms));
    messages = (await reader.searchMessages(question, MESSAGES_SHOWN * 3)).filter((m) => mentionsAny(m.content, terms));
  }
  conclusions = conclusions.slice(0, CONCLUSIONS_SHOWN);
  if (!terms.general) messages = await withSources(reader, conclusions, messages);
  messages = messages.slice(0, MESSAGES_SHOWN);

  if (conclusions.length === 0 && messages.length === 0) {
    const topic = terms.general ? subject : 'that';
    return { text: `I don't have any information about ${topic} yet.`, facts: [] };
  }
  const conclusionLines = conclusions.map((c) => `${c.content} (${dayOf(conclusionDate(c))})`);
  const messageLines = messages.map((m) => `${m.peerName} said: "${quote(m.content)}" (${dayOf(m.createdAt)})`);
  const parts: string[] = [];
  if (conclusionLines.length > 0) {
    parts.push(`${terms.general ? 'Here is what I know about' : 'Based on what I know about'} ${subject}:`);
    parts.push(...conclusionLines.map((line) => `- ${line}`));
  }
  if (messageLines.length > 0) {
    parts.push(conclusionLines.length > 0 ? 'From the conversations:' : 'Based on the conversations:');
    parts.push(...messageLines.map((line) => `- ${line}`));
  }
  return { text: parts.join('\n'), facts: [...conclusionLines, ...messageLines] };
}

/** What the cited explicit conclusions were derived from comes first: the words behind each fact. */
async function withSources(reader: RecallReader, conclusions: RecalledConclusion[], found: RecalledMessage[]): Promise<RecalledMessage[]> {
  const cited = conclusions.filter((c) => c.level === 'explicit').slice(0, SOURCES_EXPANDED).map((c) => c.id);
  // One read for all of them: a round trip per conclusion added up to a tenth of an answer's time.
  const sources = await reader.sourcesOfConclusions(cited, 2);
  const seen = new Set<string>();
  return [...sources, ...found].filter((m) => !seen.has(m.id) && seen.add(m.id));
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat;
}
