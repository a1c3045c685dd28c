import { LocalFactExtractor } from '@/server/models/local/local-fact-extractor';
const x = new LocalFactExtractor();
const texts = ["My knee hurts after long runs", "I'm vegetarian, so no meat for me.", "I'm training for a half marathon!", "I cycle twice a week with my club.", "I have knee pain lately", "I drew it last week", "I might try it sometime", "I love myself", "I'm Alice", "My goal of having a family. This is a big move towards", "I'm allergic to peanuts", "My sister and I are going hiking next weekend", "I prefer tea over coffee", "I've been eating a lot of salads", "I go to the gym every morning", "I'm married to Tom", "I broke up with my boyfriend", "We're planning to visit Rome in May", "I made this bowl in pottery class - it's my favourite"];
for (const t of texts) {
  const f = await x.derive({ observedPeerId: 'alice', observerPeerId: 'alice', targetMessages: [{ id: 'm', peerId: 'alice', content: t, createdAt: new Date('2026-03-10T09:00:00Z') }], contextMessages: [] });
  console.log(JSON.stringify(t), '=>', JSON.stringify(f.map((x) => x.content)));
}
