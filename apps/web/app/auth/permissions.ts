import type { OrgRole } from '@specboard/db';
import type { SyncRole } from '@specboard/doc/doc-names';

/** Everything a member can attempt; every loader and action names the one it needs. */
export type OrgAction =
  | 'org:read'
  | 'members:invite'
  | 'members:manage'
  | 'project:create'
  | 'project:update'
  | 'project:archive'
  | 'document:create'
  | 'document:rename'
  | 'document:delete'
  | 'document:edit'
  | 'comment:write'
  | 'thread:moderate'
  | 'template:create'
  | 'trash:manage'
  | 'ai:manage'
  | 'ai:usage'
  | 'audit:read'
  | 'integrations:manage';

const writers: readonly OrgRole[] = ['owner', 'admin', 'editor'];
const admins: readonly OrgRole[] = ['owner', 'admin'];

const allowed: Record<OrgAction, readonly OrgRole[]> = {
  'org:read': ['owner', 'admin', 'editor', 'commenter', 'viewer'],
  'members:invite': admins,
  'members:manage': admins,
  'project:create': writers,
  'project:update': writers,
  'project:archive': writers,
  'document:create': writers,
  'document:rename': writers,
  'document:delete': writers,
  'document:edit': writers,
  // Commenting needs no text write access; editing or deleting a comment is its author's alone.
  'comment:write': [...writers, 'commenter'],
  // Resolving, reopening and deleting whole threads.
  'thread:moderate': writers,
  'template:create': admins,
  'trash:manage': admins,
  /** What the organisation's AI work may spend, and the prices it is costed with. */
  'ai:manage': admins,
  /** Spend by person and project: the people who set the budget. */
  'ai:usage': admins,
  'audit:read': admins,
  'integrations:manage': admins,
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

/** Every role, most rights first. */
export const orgRoles = ['owner', 'admin', 'editor', 'commenter', 'viewer'] as const;

/** Roles an invitation can grant: ownership is never handed out by link. */
export const invitableRoles = ['admin', 'editor', 'commenter', 'viewer'] as const;

export const roleLabels: Record<OrgRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  editor: 'Editor',
  commenter: 'Commenter',
  viewer: 'Viewer',
};

/** Members the current person may manage: not themselves, and owners only by an owner. */
export function canManageMember(
  access: { role: OrgRole; userId: string },
  member: { role: string; userId: string },
): boolean {
  if (member.userId === access.userId) return false;
  return member.role !== 'owner' || access.role === 'owner';
}
