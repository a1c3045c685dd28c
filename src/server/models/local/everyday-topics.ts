import 'server-only';
// A small lexicon of the everyday topics people tell each other about (food, sport, health, work, family, plans…).
// The offline engines have no language model, so this is how they know that "alice is vegetarian" answers "what
// food does alice eat?", that "alice's knee hurts" is a health fact, and that "pottery" is a topic worth a pattern
// while "help" or "great" is not. Words are matched by their canonical form (text-normalise.ts).
import { canonical, words } from './text-normalise';

export type TopicName =
  | 'food' | 'sport' | 'health' | 'work' | 'family' | 'relationship' | 'plans' | 'likes' | 'pets' | 'travel' | 'music'
  | 'arts' | 'reading' | 'education' | 'games';

const LEXICON: Record<TopicName, string> = {
  food:
    'food foods eat eats ate eating diet vegetarian vegan meat fish seafood cook cooks cooking cooked bake baking baked recipe ' +
    'recipes meal meals dinner lunch breakfast brunch restaurant pizza pasta salad salads dessert coffee tea cuisine snack ' +
    'snacks fruit vegetables veggies chocolate cake cakes cookies sushi dairy gluten lactose foodie kitchen bread cheese soup ' +
    'curry burger tacos noodles spicy sweets sugar drink drinks wine beer smoothie',
  sport:
    'sport sports run runs running runner ran marathon jog jogging cycle cycles cycling cyclist bike biking swim swimming ' +
    'swam gym workout workouts exercise exercising training trains train yoga hike hikes hiking hiked football soccer ' +
    'basketball baseball tennis golf climbing ski skiing surf surfing dancing fitness race races triathlon pilates boxing ' +
    'karate volleyball rugby hockey skating rowing athlete coach league kayaking stretching weights lifting',
  health:
    'health healthy sick ill illness pain painful hurt hurts ache aches injury injured knee knees shoulder ankle ' +
    'doctor doctors hospital surgery therapy therapist medication medicine allergy allergies allergic intolerant ' +
    'diabetes asthma anxiety depression insomnia headache headaches migraine migraines diagnosed diagnosis recovery ' +
    'recovering physio physiotherapy disease cancer pregnant symptoms blood pressure checkup sprained fracture broken',
  work:
    'work works worked working job jobs career office boss colleague colleagues coworker coworkers company business employer ' +
    'occupation profession promotion promoted hired salary client clients startup shift shifts manager team meeting meetings ' +
    'studio store shop customers',
  family:
    'family fam mother mom mum father dad parents parent sister brother sibling siblings son daughter kids children child ' +
    'baby husband wife spouse grandma grandmother grandpa grandfather grandparents aunt uncle cousin niece nephew adopt ' +
    'adoption adopted',
  relationship:
    'boyfriend girlfriend dating married engaged divorced single partner wedding relationship breakup fiance fiancee ' +
    'friend friends',
  plans:
    'plan plans planning planned weekend weekends trip trips vacation holiday holidays visit visiting goal goals hope hoping ' +
    'intend upcoming tomorrow soon future schedule event events party',
  likes: 'love loves like likes enjoy enjoys favorite favourite prefer prefers fan hobby hobbies passion passionate interest interests',
  pets: 'pet pets dog dogs cat cats puppy puppies kitten turtle turtles bird birds horse horses hamster rabbit animal animals',
  travel: 'travel travels traveling travelling trip trips vacation abroad flight flights beach camping roadtrip road tour',
  music: 'music song songs guitar piano violin drums band concert concerts sing singing singer album festival',
  arts: 'art arts paint painting paintings painted draw drawing drawings pottery sculpture craft crafts photography photo photos',
  reading: 'read reading book books novel novels author writing write writes poem poetry story stories script movie movies film films',
  education: 'study studies studying school university college degree student course courses exam exams graduate graduated',
  games: 'game games gaming console tournament tournaments chess puzzle puzzles',
};

const TOPIC_NAMES = Object.keys(LEXICON) as TopicName[];
const BY_TERM = new Map<string, TopicName[]>();
for (const topic of TOPIC_NAMES) {
  for (const word of LEXICON[topic].split(/\s+/)) {
    const term = canonical(word);
    const list = BY_TERM.get(term) ?? [];
    if (!list.includes(topic)) list.push(topic);
    BY_TERM.set(term, list);
  }
}

/** The topics one word belongs to (none for words outside the lexicon). */
export function topicsOfWord(word: string): readonly TopicName[] {
  return BY_TERM.get(canonical(word.toLowerCase())) ?? [];
}

/** Every topic some word of `text` belongs to. */
export function topicsOf(text: string): Set<TopicName> {
  const found = new Set<TopicName>();
  for (const word of words(text)) for (const topic of topicsOfWord(word)) found.add(topic);
  return found;
}

/** The lexicon's words of one topic, for widening a search query. */
export function topicWords(topic: TopicName): string[] {
  return LEXICON[topic].split(/\s+/);
}
