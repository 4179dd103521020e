import { describe, expect, it } from 'vitest';
import { findDagProblems } from '../dag.ts';
import { PipelineError } from '../errors.ts';
import { normalizeHeading, parseSections } from '../markdown.ts';
import { steps } from '../steps/index.ts';
import { prdTemplate, techSpecTemplate } from '../templates.ts';
import { createProvider } from './create.ts';

const idea =
  'A mobile app that lets dog owners book vetted walkers nearby, with live GPS tracking and in-app payments.';
const constraints = { timeline: '3 months', stack: 'React Native, Node.js, PostgreSQL' };

describe('offline provider', () => {
  it('takes an idea through prd → tech → breakdown → tasks with linked, valid output', async () => {
    const provider = createProvider({});
    expect(provider.name).toBe('offline');

    const streamed: string[] = [];
    const prd = await provider.run(
      steps.prd,
      { idea, constraints },
      { onDelta: (text) => streamed.push(text) },
    );
    const prdHeadings = parseSections(prd.output).map((s) => s.heading);
    expect(prdHeadings).toEqual(expect.arrayContaining(prdTemplate.sections.map((s) => s.heading)));
    expect(prd.output).toContain('dog owners');
    expect(prd.output).toContain('### Live GPS tracking');
    expect(prd.output).toContain('Timeline: 3 months');
    expect(streamed.at(-1)).toBe(prd.output);
    expect(streamed.every((text, i) => i === 0 || text.startsWith(streamed[i - 1] ?? ''))).toBe(
      true,
    );
    expect(prd).toMatchObject({
      provider: 'offline',
      model: 'offline-template',
      costUsd: 0,
      tokensIn: 0,
      attempts: 1,
    });

    const tech = await provider.run(steps.tech, { prdMarkdown: prd.output, constraints });
    expect(parseSections(tech.output).map((s) => s.heading)).toEqual(
      expect.arrayContaining(techSpecTemplate.sections.map((s) => s.heading)),
    );
    expect(tech.output).toContain('React Native, Node.js, PostgreSQL');
    expect(tech.output).toContain('`in-app-payments`');

    const breakdown = await provider.run(steps.breakdown, {
      documentMarkdown: prd.output,
      versionId: 'ver_1',
    });
    expect(breakdown.output.sourceVersionId).toBe('ver_1');
    expect(breakdown.output.epics.map((e) => e.title)).toEqual([
      'Book vetted walkers nearby',
      'Live GPS tracking',
      'In-app payments',
    ]);
    const headings = new Set(prdHeadings.map(normalizeHeading));
    const stories = breakdown.output.epics.flatMap((e) => e.stories);
    for (const story of stories) {
      expect(headings.has(normalizeHeading(story.sourceSection))).toBe(true);
      expect(story.acceptanceCriteria.length).toBeGreaterThan(0);
    }
    expect(stories[0]?.acceptanceCriteria[0]).toMatchObject({
      given: 'a signed-in user',
      when: 'they book vetted walkers nearby',
    });

    const tasks = await provider.run(steps.tasks, { stories });
    const storyKeys = new Set(stories.map((s) => s.key));
    expect(tasks.output.tasks.length).toBeGreaterThanOrEqual(stories.length);
    expect(tasks.output.tasks.every((t) => storyKeys.has(t.storyKey))).toBe(true);
    expect(findDagProblems(tasks.output.tasks)).toEqual([]);
    const byKey = new Map(tasks.output.tasks.map((t) => [t.key, t]));
    for (const task of tasks.output.tasks) {
      for (const ref of task.dependsOn) expect(byKey.get(ref)?.storyKey).toBe(task.storyKey);
    }
  });

  it('is deterministic', async () => {
    const provider = createProvider({});
    const first = await provider.run(steps.prd, { idea, constraints });
    const second = await provider.run(steps.prd, { idea, constraints });
    expect(second.output).toBe(first.output);
    expect(second.promptHash).toBe(first.promptHash);
  });

  it('makes a vague selection measurable with placeholders', async () => {
    const documentMarkdown =
      '## Goals\n\n- Search should be really fast.\n- 60% of users return weekly.\n';
    const result = await createProvider({}).run(steps.suggest, {
      documentMarkdown,
      selection: 'Search should be really fast.',
      instruction: 'Make measurable',
    });
    expect(result.output.suggestions).toEqual([
      expect.objectContaining({
        kind: 'replace',
        quote: 'Search should be really fast.',
        contentMarkdown: 'Search should be fast, within [N] seconds at the 95th percentile.',
      }),
    ]);
  });

  it('reviews a PRD: missing sections, unmeasurable metrics, requirements without criteria', async () => {
    const documentMarkdown = [
      '# Notes app',
      '## Overview',
      'Quick notes.',
      '## Requirements',
      '- Users can create a note',
      '- Users can delete a note',
      '  - Given a note, when the user deletes it, then it disappears',
      '## Success metrics',
      '- Users are happy',
      '- 40% of users write 3 notes in week 1',
    ].join('\n\n');
    const result = await createProvider({}).run(steps.review, { documentMarkdown });
    const byFinding = (finding: string) =>
      result.output.suggestions.filter((s) => s.finding === finding);
    expect(
      byFinding('missing_section').map((s) => s.contentMarkdown.trim().split('\n')[0]),
    ).toEqual(['## Problem', '## Goals', '## Users and personas', '## Constraints']);
    expect(byFinding('unmeasurable_metric').map((s) => s.quote)).toEqual(['Users are happy']);
    expect(byFinding('missing_acceptance_criteria').map((s) => s.quote)).toEqual([
      'Users can create a note',
    ]);
  });

  it('fails clearly when a document has nothing to break down', async () => {
    const failure = createProvider({}).run(steps.breakdown, {
      documentMarkdown: 'Just a sentence.',
      versionId: 'v1',
    });
    await expect(failure).rejects.toBeInstanceOf(PipelineError);
    await expect(failure).rejects.toMatchObject({
      code: 'invalid_output',
      reason: expect.stringContaining('no sections'),
    });
  });
});
