/**
 * Atlassian Document Format (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/)
 * for an issue description: the card's description, its acceptance criteria as a bullet list and a
 * link back to Specboard. Built as data, so the v3 API stores it as is.
 */
type AdfInline = {
  type: 'text';
  text: string;
  marks?: { type: 'link'; attrs: { href: string } }[];
};
type AdfBlock =
  | { type: 'paragraph'; content: AdfInline[] }
  | { type: 'heading'; attrs: { level: number }; content: AdfInline[] }
  | { type: 'bulletList'; content: { type: 'listItem'; content: AdfBlock[] }[] };
export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfBlock[];
}

const text = (value: string): AdfInline => ({ type: 'text', text: value });
const paragraph = (...content: AdfInline[]): AdfBlock => ({ type: 'paragraph', content });

export function issueDescription(input: {
  description: string;
  acceptanceCriteria: readonly string[];
  link: string;
}): AdfDoc {
  const content: AdfBlock[] = input.description
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => paragraph(text(block)));
  if (input.acceptanceCriteria.length > 0) {
    content.push({ type: 'heading', attrs: { level: 3 }, content: [text('Acceptance criteria')] });
    content.push({
      type: 'bulletList',
      content: input.acceptanceCriteria.map((criterion) => ({
        type: 'listItem',
        content: [paragraph(text(criterion))],
      })),
    });
  }
  content.push(
    paragraph(text('From Specboard: '), {
      type: 'text',
      text: input.link,
      marks: [{ type: 'link', attrs: { href: input.link } }],
    }),
  );
  return { type: 'doc', version: 1, content };
}
