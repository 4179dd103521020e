import type { Breakdown, Story } from '../steps/breakdown.ts';
import type { TaskList } from '../steps/tasks.ts';

/** A small PRD used as input by the provider tests. */
export const samplePrd = `# Dog walking: product requirements

## Overview

Dog owners book vetted walkers nearby.

## Requirements

### Booking

- Owners can book a walker for a time slot.
- Owners see a confirmation message.

## Success metrics

- Bookings should be fast.
- 60% of owners book within 7 days.
`;

export const sampleStory: Story = {
  key: 'E1-S1',
  title: 'Book a walker',
  description: 'As a dog owner, I want to book a walker so that my dog gets walked.',
  sourceSection: 'Booking',
  acceptanceCriteria: [
    {
      given: 'a free time slot',
      when: 'the owner books it',
      outcome: 'the slot is reserved',
      sourceSection: 'Booking',
    },
  ],
};

export const sampleBreakdown: Breakdown = {
  sourceVersionId: 'v1',
  epics: [
    {
      key: 'E1',
      title: 'Booking',
      summary: 'Book walkers.',
      sourceSection: 'Booking',
      stories: [sampleStory],
    },
  ],
};

export const sampleTasks: TaskList = {
  tasks: [
    {
      key: 'T1',
      storyKey: 'E1-S1',
      title: 'Bookings table',
      description: 'Migration for bookings.',
      estimate: 2,
      labels: ['database'],
      priority: 'high',
      dependsOn: [],
    },
    {
      key: 'T2',
      storyKey: 'E1-S1',
      title: 'Booking endpoint',
      description: 'POST /bookings.',
      estimate: 3,
      labels: ['backend'],
      priority: 'high',
      dependsOn: ['T1'],
    },
  ],
};
