import type { JSONContent } from '@tiptap/core';

export function downloadMarkdown(json: JSONContent, title: string): void {
  const blob = new Blob([JSON.stringify(json)], { type: 'text/markdown;charset=utf-8' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${title}.md`;
  link.click();
  URL.revokeObjectURL(link.href);
}
