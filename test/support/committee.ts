import type { HttpClient } from './app.js';
import { expectStatus } from './evaluations.js';
import { YEAR } from './tasks.js';

// Set-up for suites that need the 적극행정위원회 (DOMAIN.md §9): members seated through the API,
// and a meeting that resolves one matter with every seated member present and voting for.

/** Whoever acts: only their id, token and (for messages) name are needed. */
type Actor = { id: string; token: string; name: string };

/** Appoints each actor (COMMITTEE users) for an open term from the start of YEAR−1; the first chairs. */
export async function seatCommittee(
  http: HttpClient,
  office: Actor,
  members: Actor[],
  opts: { civilian?: (i: number) => boolean; termStart?: string } = {},
): Promise<any[]> {
  // In parallel: each appointment is its own transaction (one user's terms serialise by themselves).
  return Promise.all(
    members.map(async (m, i) =>
      expectStatus(
        await http.post(
          '/api/v1/committee/members',
          {
            userId: m.id,
            termStart: opts.termStart ?? `${YEAR - 1}-01-01`,
            chair: i === 0,
            civilian: opts.civilian ? opts.civilian(i) : i % 2 === 1,
            affiliation: i % 2 === 1 ? '외부 전문가' : '소속 공무원',
          },
          { token: office.token },
        ),
        201,
        `seat ${m.name}`,
      ),
    ),
  );
}

/** A meeting held with `attendees` present: returns the meeting as GET shows it after hold. */
export async function heldMeeting(
  http: HttpClient,
  office: Actor,
  attendees: Actor[],
  body: Record<string, unknown> = {},
): Promise<any> {
  const meeting = expectStatus(
    await http.post(
      '/api/v1/committee/meetings',
      { title: '적극행정위원회', meetingDate: `${YEAR}-11-25`, kind: 'IN_PERSON', ...body },
      { token: office.token },
    ),
    201,
    'create meeting',
  );
  return expectStatus(
    await http.post(
      `/api/v1/committee/meetings/${meeting.id}/hold`,
      { version: meeting.version, attendeeIds: attendees.map((a) => a.id) },
      { token: office.token },
    ),
    200,
    'hold meeting',
  );
}

export async function addItem(
  http: HttpClient,
  office: Actor,
  meetingId: string,
  subjectKind: string,
  subjectId: string | null,
  title?: string,
): Promise<any> {
  return expectStatus(
    await http.post(
      `/api/v1/committee/meetings/${meetingId}/agenda-items`,
      { subjectKind, subjectId, ...(title ? { title } : {}) },
      { token: office.token },
    ),
    201,
    `add ${subjectKind} item`,
  );
}

export function castVote(http: HttpClient, member: Actor, itemId: string, vote: string) {
  return http.put(
    `/api/v1/committee/agenda-items/${itemId}/votes`,
    { vote },
    { token: member.token },
  );
}

export async function resolveItem(
  http: HttpClient,
  office: Actor,
  itemId: string,
  decision?: string,
) {
  const item = expectStatus(
    await http.get(`/api/v1/committee/agenda-items/${itemId}`, { token: office.token }),
    200,
    'get item',
  );
  return http.post(
    `/api/v1/committee/agenda-items/${itemId}/resolution`,
    { version: item.version, ...(decision ? { decision } : {}) },
    { token: office.token },
  );
}

/**
 * The committee resolves one matter: a meeting held with `members` present, the item added, each
 * member voting for, the item resolved (it must pass). Returns the resolved item.
 */
export async function committeeResolves(
  http: HttpClient,
  office: Actor,
  members: Actor[],
  subjectKind: string,
  subjectId: string,
): Promise<any> {
  const meeting = await heldMeeting(http, office, members);
  const item = await addItem(http, office, meeting.id, subjectKind, subjectId);
  await Promise.all(
    members.map(async (m) =>
      expectStatus(await castVote(http, m, item.id, 'FOR'), 200, `vote by ${m.name}`),
    ),
  );
  const resolved = expectStatus(await resolveItem(http, office, item.id), 200, 'resolve item');
  if (resolved.outcome !== 'PASSED')
    throw new Error(`item not passed: ${JSON.stringify(resolved)}`);
  return resolved;
}

/** The round's criteria pass the committee (지방 13조②) so scoring may start. */
export function approveCriteria(
  http: HttpClient,
  office: Actor,
  members: Actor[],
  roundId: string,
) {
  return committeeResolves(http, office, members, 'EVALUATION_CRITERIA', roundId);
}
