/** A deterministic reading of a one-paragraph product idea, used to draft documents offline. */
export interface IdeaOutline {
  /** First sentence, without the final full stop. */
  summary: string;
  /** Remaining sentences, kept verbatim as context. */
  details: string;
  /** Who the product serves, e.g. "dog owners"; "users" when the idea does not say. */
  audience: string;
  features: IdeaFeature[];
}

export interface IdeaFeature {
  title: string;
  /** Verb phrase completing "<audience> can …". */
  ability: string;
}

const audiencePattern = /\b(?:for|lets|helps|allows|enables)\s+((?:[a-z-]+\s){0,2}[a-z-]+s)\b/i;
const capabilityPattern = /\b(?:that|which|to)\s+(.+)$/i;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function shorten(text: string, words: number): string {
  const parts = text.split(/\s+/);
  return parts.length <= words ? text : `${parts.slice(0, words).join(' ')}…`;
}

export function outlineIdea(idea: string): IdeaOutline {
  const text = idea.trim().replace(/\s+/g, ' ');
  const firstStop = text.search(/[.!?](\s|$)/);
  const summary = (firstStop === -1 ? text : text.slice(0, firstStop)).trim();
  const details = firstStop === -1 ? '' : text.slice(firstStop + 1).trim();
  const audience = audiencePattern.exec(summary)?.[1]?.toLowerCase() ?? 'users';
  const [core = summary, ...extras] = summary
    .split(/,|;|\bwith\b|\band\b|\bplus\b|\bincluding\b/i)
    .map((part) => part.trim())
    .filter((part) => part.split(/\s+/).length >= 2 || part.length > 3);
  const capability = capabilityPattern.exec(core)?.[1];
  // Without "that/which/to" the idea names a thing, not an action: the ability is to use it.
  const action = capability
    ? capability.replace(
        new RegExp(`^(?:lets|helps|allows|enables)\\s+${audience}\\s+(?:to\\s+)?`, 'i'),
        '',
      )
    : `use ${lowerFirst(core.replace(/^(?:a|an|the)\s+/i, ''))}`;
  const features: IdeaFeature[] = [
    { title: capitalise(shorten(action.replace(/^use\s+/, ''), 6)), ability: action },
    ...extras.map((extra) => {
      const feature = lowerFirst(extra.replace(/^(?:a|an|the)\s+/i, ''));
      return { title: capitalise(shorten(feature, 6)), ability: `use ${feature}` };
    }),
  ];
  return { summary, details, audience, features: features.slice(0, 6) };
}
