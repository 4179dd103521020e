import { getDocument } from '@specboard/db/documents';
import { getIntegrationWithSecret } from '@specboard/db/integrations';
import { getVersion } from '@specboard/db/versions';
import { z } from 'zod';
import { type OrgAccess, requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { notFound } from '../lib/http.server.ts';
import { invalid, parseForm } from '../lib/validation.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

type Document = NonNullable<Awaited<ReturnType<typeof getDocument>>>;
type Version = NonNullable<Awaited<ReturnType<typeof getVersion>>>;
type Integration = NonNullable<Awaited<ReturnType<typeof getIntegrationWithSecret>>>;

export interface VersionIntegrationTarget {
  access: OrgAccess;
  document: Document;
  version: Version;
  integration: Integration;
}

/**
 * What "send this version to another tool" actions check before queuing anything: a same-origin
 * editor of the organisation, a version of this document, and an active integration of one of
 * `kinds` in the same organisation. A missing or foreign id is a 404; a paused integration or an
 * unchosen one is a form error.
 */
export async function versionIntegrationTarget(
  request: Request,
  ids: { orgId: string | undefined; documentId: string | undefined; versionId: string | undefined },
  form: FormData,
  expected: { intent: string; kinds: ReadonlySet<string>; label: string },
): Promise<VersionIntegrationTarget | ReturnType<typeof invalid>> {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, ids.orgId, 'document:edit');
  const { documentId, versionId } = ids;
  const document = documentId ? await getDocument(db(), access.orgId, documentId) : undefined;
  const version = versionId ? await getVersion(db(), access.orgId, versionId) : undefined;
  if (!document || !version || version.document_id !== document.id) {
    throw notFound('No such version.');
  }
  const schema = z.object({
    intent: z.literal(expected.intent),
    integrationId: z.string().min(1, `Choose a ${expected.label} integration.`),
  });
  const parsed = parseForm(form, schema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const integration = await getIntegrationWithSecret(
    db(),
    access.orgId,
    parsed.value.integrationId,
  );
  if (!integration || !expected.kinds.has(integration.kind)) {
    throw notFound(`This ${expected.label} integration does not exist in this organisation.`);
  }
  if (integration.status === 'paused') {
    return invalid({
      form: [`“${integration.name}” is paused: resume it on the integrations page.`],
    });
  }
  return { access, document, version, integration };
}
