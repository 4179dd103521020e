import type { DocumentVersion } from '@specboard/db';
import type { OrgEvent } from '@specboard/integrations';

/** The outgoing event for a saved version (automatic versions are not announced). */
export function versionedEvents(
  orgId: string,
  projectId: string | undefined,
  version: DocumentVersion,
): OrgEvent[] {
  if (version.trigger === 'auto') return [];
  const label = version.label ? ` “${version.label}”` : '';
  return [
    {
      kind: 'document.versioned',
      summary: `Version ${version.number}${label} was saved`,
      data: {
        documentId: version.document_id,
        projectId,
        versionId: version.id,
        number: version.number,
        label: version.label,
        trigger: version.trigger,
        path: `/orgs/${orgId}/documents/${version.document_id}/history/${version.id}`,
      },
    },
  ];
}
