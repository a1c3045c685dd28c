// A session or peer marked deleted keeps its row until purged, but gives up its wire id: the row is renamed to a
// name no wire id can take (wire ids never contain '.'; see ID_PATTERN), unique through the internal id, so
// `UNIQUE (workspace_id, name)` lets the id be created again at once.
export function tombstoneName(name: string, internalId: string): string {
  return `${name}.deleted.${internalId}`;
}
