/** For template sections the offline drafts cannot write: the guidance as a checklist to fill in. */
export function writeUnknownSection(guidance: string, subject: string): string {
  const prompt = guidance.trim() === '' ? 'Describe this part of the plan.' : guidance.trim();
  return `${prompt}\n\n- [ ] Fill in for: ${subject}.`;
}
