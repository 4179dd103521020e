/**
 * The Yjs transaction origin of an accepted suggestion. The editor's undo manager tracks it
 * (Collaboration `yUndoOptions.trackedOrigins`), so Ctrl+Z undoes an accepted AI change like
 * the user's own typing.
 */
export const suggestionAcceptOrigin = { source: 'suggestion-accept' } as const;
