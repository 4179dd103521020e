export function initialDocState(markdown: string): { update: Uint8Array; json: unknown } {
  throw new Error(`interim: packages/doc not wired yet (${markdown.length})`);
}
