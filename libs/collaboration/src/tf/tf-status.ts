import type { DataSource, EntityManager } from 'typeorm';
import type { CollaborationFacts } from '../collaboration-rules.js';
import { leadContact, memberFacts, tfMembers } from './tf-query.js';
import { type TfFacts, tfGaps } from './tf-rules.js';
import type { TfStatus } from './tf-views.js';

/** What a TF lacks, for a focus task or not (`required` says whether it must be complete). */
export function tfStatus(focus: boolean, facts: TfFacts): TfStatus {
  const gaps = tfGaps(facts);
  const complete = !gaps.missingLead && gaps.missingOrganisationIds.length === 0;
  return {
    required: focus,
    incomplete: focus && !complete,
    ...gaps,
    membersCount: facts.members.length,
  };
}

/** The TF's facts of a collaboration whose facts are known. */
export async function loadTfFacts(
  db: DataSource | EntityManager,
  collaborationId: string,
  facts: CollaborationFacts,
) {
  const [contact, members] = await Promise.all([
    leadContact(db, collaborationId),
    tfMembers(db, collaborationId),
  ]);
  const tf: TfFacts = { ...facts, leadContactUserId: contact, members: memberFacts(members) };
  return { facts: tf, members };
}
