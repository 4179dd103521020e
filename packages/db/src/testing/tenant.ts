import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { createOrganization, createUser } from '../organizations.ts';
import { createProject } from '../projects.ts';

export interface Tenant {
  orgId: string;
  userId: string;
  projectId: string;
}

/** A fresh organisation with an owner and one project: each test builds its own tenant. */
export async function createTenant(db: Db, name = 'Acme'): Promise<Tenant> {
  const suffix = newId().toLowerCase();
  const user = await createUser(db, {
    name: `${name} Owner`,
    email: `owner-${suffix}@example.com`,
  });
  const org = await createOrganization(db, {
    name,
    slug: `${name.toLowerCase()}-${suffix}`,
    ownerId: user.id,
  });
  const project = await createProject(db, {
    orgId: org.id,
    name: `${name} launch`,
    idea: 'A shared planning board for small product teams',
    createdBy: user.id,
  });
  return { orgId: org.id, userId: user.id, projectId: project.id };
}
