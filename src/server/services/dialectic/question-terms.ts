import 'server-only';
// The offline answerer's sense of relevance. Hybrid search always returns nearest neighbours, related or not, so
// before citing a hit the offline answerer checks that it shares a content word with the question ("where does
// alice live" → live). Questions with no content words beyond names ("what do you know about alice?") are general
// and are answered with the most recent facts instead.

import { topicWords, type TopicName } from '@/server/models/local/everyday-topics';

const STOPWORDS = new Set(
  `a about above after again against all am an and any anything are as at be because been before being below between both
  but by can could did do does doing done down during each else ever every everything few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just know knows known like me more
  most my myself no nor not now of off on once only or other our ours ourselves out over own please same she should so
  some something tell than that the their theirs them themselves then there these they this those through to too under
  until up us very was we were what when where which while who whom whose why will with would you your yours yourself
  yourselves remember recall say said think thing things stuff info information anyone someone`
    .split(/\s+/)
    .filter(Boolean),
);

const WORD = /[\p{L}\p{N}]+/gu;

// Questions and facts word the same thing differently ("where does alice live" / "alice moved to Lisbon", "her job" /
// "started working as a nurse"). A question word from one of these everyday topics also matches the topic's other
// words, so the offline answerer finds the fact without a language model.
const TOPICS: readonly (readonly string[])[] = [
  ['live', 'where', 'location', 'city', 'country', 'town', 'home', 'moved', 'move', 'reside', 'based', 'from', 'relocated', 'address'],
  ['job', 'work', 'working', 'works', 'occupation', 'career', 'profession', 'employer', 'employed', 'company', 'hired', 'role'],
  ['hobby', 'hobbies', 'enjoy', 'enjoys', 'likes', 'love', 'loves', 'interest', 'interests', 'fun', 'favorite', 'favourite', 'prefer', 'prefers'],
  ['family', 'married', 'wife', 'husband', 'partner', 'kids', 'children', 'son', 'daughter', 'mother', 'father', 'sister', 'brother', 'parents'],
  ['age', 'old', 'born', 'birthday', 'years'],
  ['pet', 'pets', 'dog', 'cat', 'animal'],
  ['study', 'studies', 'school', 'university', 'college', 'degree', 'student', 'studying'],
];
const TOPIC_OF = new Map<string, readonly string[]>(TOPICS.flatMap((topic) => topic.map((word) => [stem(word), topic] as const)));

// Category questions ("what food does alice eat?", "does alice have any health problems?") are answered from the
// everyday-topic lexicon (everyday-topics.ts): the category's words widen both the search and the relevance check.
// Words that name a category without belonging to one of its facts are the question's own vocabulary.
const CATEGORY_WORDS: Record<string, TopicName[]> = {
  food: ['food'], foods: ['food'], eat: ['food'], eats: ['food'], diet: ['food'], meal: ['food'], meals: ['food'], cuisine: ['food'],
  sport: ['sport'], sports: ['sport'], exercise: ['sport'], active: ['sport'], fitness: ['sport'], workout: ['sport'],
  health: ['health'], healthy: ['health'], medical: ['health'], injury: ['health'], injuries: ['health'], condition: ['health'],
  conditions: ['health'], illness: ['health'], allergies: ['health', 'food'], allergy: ['health', 'food'],
  work: ['work'], job: ['work'], career: ['work'],
  family: ['family', 'relationship'], relatives: ['family'], partner: ['relationship'], relationship: ['relationship'],
  plans: ['plans'], plan: ['plans'], planning: ['plans'], upcoming: ['plans'], future: ['plans'],
  hobby: ['likes', 'arts', 'music', 'reading', 'games', 'sport'], hobbies: ['likes', 'arts', 'music', 'reading', 'games', 'sport'],
  likes: ['likes'], enjoy: ['likes'], enjoys: ['likes'], favourite: ['likes'], favorite: ['likes'], interests: ['likes'],
  pets: ['pets'], pet: ['pets'], music: ['music'], books: ['reading'], read: ['reading'], travel: ['travel'],
};
// "What should I know before suggesting a weekend plan / a restaurant / a gift?": what the person eats, can do, does and
// likes all bear on it, so a planning question reads the constraint topics too.
const PLANNING = /\b(?:suggest|suggesting|recommend|recommending|plan|plans|planning|organi[sz]e|organi[sz]ing|invite|inviting|weekend|gift|trip|outing|activity|activities)\b/i;
const CONSTRAINT_TOPICS: TopicName[] = ['food', 'health', 'sport', 'likes', 'plans'];
// Question words that share a stem with facts but carry no topic ("problems", "should") stay out of the relevance check
// once a category is known, or every fact that mentions a "problem" would be cited.
const CATEGORY_NOISE = new Set(['problem', 'problems', 'issue', 'issues', 'kind', 'kinds', 'sort', 'type', 'types', 'any', 'suggest', 'suggesting', 'recommend', 'before', 'should', 'need']);


/** A crude stem, enough to match "lives"/"living"/"lived" with "live". */
export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 3) return w;
  const stripped = w.replace(/(ing|ies|ied|ed|es|s|e)$/u, '');
  return stripped.length >= 3 ? stripped : w;
}

/** `related`: words of the everyday topics the question touches, added to the search query; `categories`: the
 * everyday-topic categories it asks about (empty for ordinary questions). */
export type QuestionTerms = { stems: Set<string>; general: boolean; related: string[]; categories: TopicName[] };

function categoriesOf(words: readonly string[], question: string): TopicName[] {
  const found = new Set<TopicName>();
  for (const word of words) for (const topic of CATEGORY_WORDS[word] ?? []) found.add(topic);
  if (PLANNING.test(question)) for (const topic of CONSTRAINT_TOPICS) found.add(topic);
  return [...found];
}

/** Content-word stems of the question; `names` (peer ids) are not content, and neither are possessive `'s`. */
export function questionTerms(question: string, names: readonly string[]): QuestionTerms {
  const nameSet = new Set(names.flatMap((n) => [n.toLowerCase(), ...(n.toLowerCase().match(WORD) ?? [])]));
  const words = (question.replace(/['’]s\b/giu, '').match(WORD) ?? []).map((w) => w.toLowerCase());
  const stems = new Set(words.filter((w) => !STOPWORDS.has(w) && !nameSet.has(w) && w.length > 1).map(stem));
  // "where" is a stop word for relevance but names the location topic; topics widen the stems, never make a question general.
  const general = stems.size === 0 && !words.includes('where');
  const related = new Set<string>();
  for (const word of [...stems, ...(words.includes('where') ? ['where'] : [])]) {
    for (const topicWord of TOPIC_OF.get(stem(word)) ?? []) related.add(topicWord);
  }
  const categories = general ? [] : categoriesOf(words, question);
  if (categories.length > 0) {
    for (const word of CATEGORY_NOISE) stems.delete(stem(word));
    for (const topic of categories) for (const word of topicWords(topic)) related.add(word);
  }
  for (const word of related) stems.add(stem(word));
  return { stems, general, related: [...related], categories };
}

/** Whether `text` shares a content word with the question. */
export function mentionsAny(text: string, terms: QuestionTerms): boolean {
  for (const word of text.match(WORD) ?? []) {
    const s = stem(word);
    if (terms.stems.has(s)) return true;
    for (const t of terms.stems) if (t.length >= 5 && s.length >= 5 && (s.startsWith(t) || t.startsWith(s))) return true;
  }
  return false;
}
