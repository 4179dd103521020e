export { changeStoredDoc, DocSession, type DocWriteDeps } from './doc-session.ts';
export { applyStoredState, loadStoredDoc, withStoredDoc } from './load.ts';
export {
  restoreStoredVersion,
  type SaveVersionRequest,
  saveStoredVersion,
  storedVersionContent,
  type VersionContent,
  versionContentOf,
} from './versions.ts';
