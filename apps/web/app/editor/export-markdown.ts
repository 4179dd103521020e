import type { JSONContent } from '@tiptap/core';

/**
 * Saves the document as `<title>.md`, written with the same schema the servers use. The Markdown
 * writer is loaded on first use: most visits never export, so it stays out of the editor bundle.
 */
export async function downloadMarkdown(json: JSONContent, title: string): Promise<void> {
  const { jsonToMarkdown } = await import('@specboard/doc/markdown');
  const blob = new Blob([jsonToMarkdown(json)], { type: 'text/markdown;charset=utf-8' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${title.replace(/[\\/:*?"<>|]+/g, '-')}.md`;
  link.click();
  URL.revokeObjectURL(link.href);
}
