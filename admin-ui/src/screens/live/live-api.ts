// The live desk's calls to the admin API, typed (routes: src/content/live/live.routes.ts).
import { api, query } from '../../api';
import type {
  Coverage,
  CoverageState,
  DeskMember,
  LiveDeskAnswer,
  LiveRevision,
  LiveUpdate,
  LiveUpdateFields,
} from './types';

/** The coverage, a page of its feed (newest first), the user's drafts and who is on the desk. */
export function loadDesk(articleId: number, before?: number): Promise<LiveDeskAnswer> {
  return api('GET', `/api/admin/articles/${articleId}/live${query({ before })}`);
}

/** Starts, ends or reopens the article's live coverage. */
export async function setCoverageState(
  articleId: number,
  state: CoverageState,
): Promise<Coverage | null> {
  const answer = await api<{ coverage: Coverage | null }>(
    'PUT',
    `/api/admin/articles/${articleId}/live`,
    { state },
  );
  return answer.coverage;
}

export async function createUpdate(
  articleId: number,
  fields: LiveUpdateFields & { status: LiveUpdate['status'] },
): Promise<LiveUpdate> {
  const answer = await api<{ update: LiveUpdate }>(
    'POST',
    `/api/admin/articles/${articleId}/live/updates`,
    fields,
  );
  return answer.update;
}

/** Saves changes to an update; rejects with a 409 ApiError when `version` is no longer current. */
export async function editUpdate(
  updateId: number,
  version: number,
  fields: LiveUpdateFields,
): Promise<LiveUpdate> {
  const answer = await api<{ update: LiveUpdate }>('PATCH', `/api/admin/live/updates/${updateId}`, {
    ...fields,
    version,
  });
  return answer.update;
}

export function deleteUpdate(updateId: number): Promise<void> {
  return api('DELETE', `/api/admin/live/updates/${updateId}`);
}

export async function loadRevisions(updateId: number): Promise<LiveRevision[]> {
  const answer = await api<{ revisions: LiveRevision[] }>(
    'GET',
    `/api/admin/live/updates/${updateId}/revisions`,
  );
  return answer.revisions;
}

/** The desk heartbeat: says we are here (and whether we are typing); answers who else is. */
export async function reportPresence(articleId: number, typing: boolean): Promise<DeskMember[]> {
  const answer = await api<{ present: DeskMember[] }>(
    'POST',
    `/api/admin/articles/${articleId}/live/presence`,
    { typing },
  );
  return answer.present;
}

export function leaveDesk(articleId: number): Promise<void> {
  return api('DELETE', `/api/admin/articles/${articleId}/live/presence`);
}
