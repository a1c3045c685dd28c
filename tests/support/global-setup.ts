// Runs once before the suite: says which database lane is under test, so a CI log shows it.
export default function setup(): void {
  const server = process.env.TEST_DATABASE_URL;
  console.log(server ? `[tests] database lane: server (${new URL(server).host})` : '[tests] database lane: embedded PGlite');
}
