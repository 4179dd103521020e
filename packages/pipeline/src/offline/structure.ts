import { type MarkdownSection, normalizeHeading, parseSections } from '../markdown.ts';

const requirementHeading = /requirement|feature|user stor|scope|capabilit|functional/;
const narrativeHeading =
  /^(overview|summary|introduction|problem|background|context|goals?|non-?goals|objectives|users?|personas?|users and personas|audience|success metrics|metrics|kpis?|constraints|assumptions|risks?|open questions|risks and open questions|milestones|timeline|references|appendix|glossary)$/;

/**
 * The sections that describe what to build: those under a requirements-like heading
 * (including its subsections). Falls back to every non-narrative section, so documents that
 * do not follow the template still break down.
 */
export function actionableSections(markdown: string): MarkdownSection[] {
  const sections = parseSections(markdown);
  const inside: MarkdownSection[] = [];
  let zoneLevel: number | null = null;
  for (const section of sections) {
    if (zoneLevel !== null && section.level <= zoneLevel) zoneLevel = null;
    const heading = normalizeHeading(section.heading);
    // A level-1 heading is the document title ("…: product requirements"), not a section.
    if (zoneLevel === null && section.level > 1 && requirementHeading.test(heading)) {
      zoneLevel = section.level;
    }
    if (zoneLevel !== null && !narrativeHeading.test(heading)) inside.push(section);
  }
  if (inside.length > 0) return inside;
  return sections.filter((s) => !narrativeHeading.test(normalizeHeading(s.heading)));
}

export function findSection(markdown: string, pattern: RegExp): MarkdownSection | undefined {
  return parseSections(markdown).find((s) => pattern.test(normalizeHeading(s.heading)));
}
