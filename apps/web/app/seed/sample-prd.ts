/** The demo project's PRD: filled in, so a first visit shows what a finished document looks like. */
export const samplePrdMarkdown = `# Team inbox — PRD

## Overview

A shared inbox where a support team of 5–50 people triages, assigns and answers customer email together, without forwarding threads or asking "who has this one?".

## Problem

Support teams share one mailbox today. Two people answer the same customer, urgent mail waits behind newsletters, and nobody can tell how long a customer has been waiting. In last quarter's survey, **41 %** of support leads named "duplicate or missed replies" as their top problem.

## Goals

- Every conversation has exactly one owner within 10 minutes of arriving.
- First-response time visible per conversation and per teammate.
- No duplicate replies: a teammate sees who is typing before they start.

## Non-goals

- Chat, phone or social channels (email only in this release).
- Customer-facing help centre.

## Users and personas

| Persona | Job to be done | Today |
| --- | --- | --- |
| Support agent | Answer my queue quickly | Works from a shared Gmail label |
| Support lead | Keep response times under target | Exports to a spreadsheet weekly |

## Requirements

- [x] Connect a mailbox over IMAP/SMTP or Gmail API
- [ ] Assign a conversation (manually, or round-robin per team)
- [ ] Collision detection: "Sam is replying" on an open conversation
- [ ] Snooze until a date, or until the customer replies
- [ ] Saved replies with \`{{customer.firstName}}\` placeholders

Acceptance criteria for assignment: *Given* a new conversation, *when* round-robin is on, *then* it is assigned to the next available agent within 5 seconds.

## Success metrics

1. Median first-response time below 2 hours after 8 weeks of beta.
2. Duplicate replies below 0.5 % of conversations.

## Constraints

Beta in 8 weeks with 3 engineers; Postgres and React; hosted in the EU. See the [data-processing notes](https://example.com/dpa) before storing mail bodies.

\`\`\`text
inbound mail → parse → thread → assign → notify
\`\`\`

## Risks and open questions

- Gmail API quotas for large teams — needs a spike.
- Do leads need SLA alerts in the beta, or only reports?
`;

const goalsV1 = '- Every conversation has exactly one owner within 10 minutes of arriving.';
const goalsV2 = `- Every conversation has exactly one owner within 5 minutes of arriving, day or night.
- Leads see a breached response target the moment it happens, not in next week's export.`;

/**
 * The PRD after the team's review: tighter ownership goals. Saved as version 2, so the board's
 * card for the ownership goal (made from version 1) shows spec drift.
 */
export const samplePrdRevisedMarkdown = samplePrdMarkdown.replace(goalsV1, goalsV2);
