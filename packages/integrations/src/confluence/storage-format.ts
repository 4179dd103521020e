import MarkdownIt from 'markdown-it';

/**
 * Confluence's storage format is XHTML: every element closed, only XML's own entities. The
 * version's Markdown goes through markdown-it with raw HTML off (a `<script>` or a `&nbsp;` in the
 * text arrives escaped, as text), XHTML output on (`<br />`, `<hr />`) and its default link
 * check (no `javascript:` links).
 */
const markdown = new MarkdownIt({
  html: false,
  xhtmlOut: true,
  linkify: false,
  typographer: false,
});

const escapeXml = (text: string) => markdown.utils.escapeHtml(text);

export interface PublishedVersion {
  markdown: string;
  versionNumber: number;
  /** Absolute link to the version page in Specboard. */
  link: string;
}

/** The page body: a line naming the version with a link back, then the version's text. */
export function storageFormatPage(version: PublishedVersion): string {
  const source =
    `<p>Published from Specboard: <a href="${escapeXml(version.link)}">version ${version.versionNumber}</a>. ` +
    'Edits made here are replaced when a later version is published.</p>';
  return `${source}\n${markdown.render(version.markdown)}`;
}
