import type { OrgRole } from '@specboard/db';
import type { SyncRole } from '@specboard/doc/doc-names';

/** Everything a member can attempt; every loader and action names the one it needs. */
export type OrgAction =
  | 'org:read'
  | 'members:invite'
  | 'project:create'
  | 'project:update'
  | 'project:archive'
  | 'document:create'
  | 'document:rename'
  | 'document:delete'
  | 'document:edit'
  | 'template:create';

const writers: readonly OrgRole[] = ['owner', 'admin', 'editor'];
const admins: readonly OrgRole[] = ['owner', 'admin'];

const allowed: Record<OrgAction, readonly OrgRole[]> = {
  'org:read': ['owner', 'admin', 'editor', 'commenter', 'viewer'],
  'members:invite': admins,
  'project:create': writers,
  'project:update': writers,
  'project:archive': writers,
  'document:create': writers,
  'document:rename': writers,
  'document:delete': writers,
  'document:edit': writers,
  'template:create': admins,
};

export function can(role: OrgRole, action: OrgAction): boolean {
  return allowed[action].includes(role);
}

/** The role written into a sync token: the sync server only distinguishes who may write text. */
export function syncRoleFor(role: OrgRole): SyncRole {
  if (role === 'owner') return 'owner';
  if (role === 'admin' || role === 'editor') return 'editor';
  return role;
}

export const roleLabels: Record<OrgRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  editor: 'Editor',
  commenter: 'Commenter',
  viewer: 'Viewer',
};
