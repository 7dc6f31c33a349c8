import type { Executor } from '../platform/db/database.js';

// Click and open tracking rows: an issue's links (the only URLs a click may redirect to),
// every click (a row per hit: "total"; distinct readers per link: "unique"), and one open per
// delivery (a unique index makes concurrent pixel loads count once).

/**
 * Stores the issue's links (a URL already stored keeps its id, so links in copies sent before
 * an edit keep working) and returns every link of the issue by URL.
 */
export async function saveIssueLinks(
  executor: Executor,
  issueId: number,
  urls: readonly string[],
  now: string,
): Promise<Map<string, number>> {
  for (let start = 0; start < urls.length; start += 200) {
    const chunk = urls.slice(start, start + 200);
    if (chunk.length === 0) break;
    await executor
      .insertInto('newsletter_links')
      .values(chunk.map((url) => ({ issue_id: issueId, url, created_at: now })))
      .onConflict((oc) => oc.columns(['issue_id', 'url']).doNothing())
      .execute();
  }
  const rows = await executor
    .selectFrom('newsletter_links')
    .select(['id', 'url'])
    .where('issue_id', '=', issueId)
    .execute();
  return new Map(rows.map((row) => [row.url, row.id]));
}

/** The stored URL of an issue's link, or undefined when the issue has no such link. */
export async function findIssueLink(
  executor: Executor,
  issueId: number,
  linkId: number,
): Promise<string | undefined> {
  const row = await executor
    .selectFrom('newsletter_links')
    .select('url')
    .where('id', '=', linkId)
    .where('issue_id', '=', issueId)
    .executeTakeFirst();
  return row?.url;
}

/** The subscriber a delivery of this issue went to (undefined for test sends and strangers). */
export async function findDeliverySubscriber(
  executor: Executor,
  issueId: number,
  deliveryId: number,
): Promise<number | undefined> {
  if (deliveryId <= 0) return undefined;
  const row = await executor
    .selectFrom('newsletter_deliveries')
    .select('subscriber_id')
    .where('id', '=', deliveryId)
    .where('issue_id', '=', issueId)
    .executeTakeFirst();
  return row?.subscriber_id;
}

/**
 * The subscriber whose open a pixel load records: only while the issue's newsletter counts
 * opens (turning them off stops recording at once, even for emails already sent).
 */
export async function findOpenSubscriber(
  executor: Executor,
  issueId: number,
  deliveryId: number,
): Promise<number | undefined> {
  if (deliveryId <= 0) return undefined;
  const row = await executor
    .selectFrom('newsletter_deliveries as d')
    .innerJoin('newsletter_issues as i', 'i.id', 'd.issue_id')
    .innerJoin('newsletters as n', 'n.id', 'i.newsletter_id')
    .select('d.subscriber_id')
    .where('d.id', '=', deliveryId)
    .where('d.issue_id', '=', issueId)
    .where('n.track_opens', '=', 1)
    .executeTakeFirst();
  return row?.subscriber_id;
}

/** Records one click (every hit is a row). */
export async function insertClick(
  executor: Executor,
  click: { issueId: number; subscriberId: number; url: string; now: string },
): Promise<void> {
  await executor
    .insertInto('newsletter_clicks')
    .values({
      issue_id: click.issueId,
      subscriber_id: click.subscriberId,
      url: click.url,
      created_at: click.now,
    })
    .execute();
}

/** Records an open once per (issue, subscriber); later loads change nothing. */
export async function insertOpen(
  executor: Executor,
  open: { issueId: number; subscriberId: number; now: string },
): Promise<void> {
  await executor
    .insertInto('newsletter_opens')
    .values({ issue_id: open.issueId, subscriber_id: open.subscriberId, created_at: open.now })
    .onConflict((oc) => oc.columns(['issue_id', 'subscriber_id']).doNothing())
    .execute();
}

export interface LinkClicks {
  url: string;
  unique: number;
  total: number;
}

/** Clicks per link of an issue, most unique clicks first. */
export async function countClicksPerLink(
  executor: Executor,
  issueId: number,
  limit: number,
): Promise<LinkClicks[]> {
  const rows = await executor
    .selectFrom('newsletter_clicks')
    .select((eb) => [
      'url',
      eb.fn.count<number>('subscriber_id').distinct().as('unique'),
      eb.fn.countAll<number>().as('total'),
    ])
    .where('issue_id', '=', issueId)
    .groupBy('url')
    .orderBy('unique', 'desc')
    .orderBy('total', 'desc')
    .orderBy('url')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ url: r.url, unique: Number(r.unique), total: Number(r.total) }));
}

/**
 * Click totals of an issue: every hit, readers who clicked at least once, and unique clicks
 * (distinct reader-and-link pairs).
 */
export async function countClicks(
  executor: Executor,
  issueId: number,
): Promise<{ total: number; unique: number; readers: number }> {
  const totals = await executor
    .selectFrom('newsletter_clicks')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('subscriber_id').distinct().as('readers'),
    ])
    .where('issue_id', '=', issueId)
    .executeTakeFirst();
  const pairs = await executor
    .selectFrom((eb) =>
      eb
        .selectFrom('newsletter_clicks')
        .select(['subscriber_id', 'url'])
        .where('issue_id', '=', issueId)
        .groupBy(['subscriber_id', 'url'])
        .as('pairs'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return {
    total: Number(totals?.total ?? 0),
    readers: Number(totals?.readers ?? 0),
    unique: Number(pairs?.n ?? 0),
  };
}

/** Deliveries of the issue that were opened (at most one row each). */
export async function countOpens(executor: Executor, issueId: number): Promise<number> {
  const row = await executor
    .selectFrom('newsletter_opens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('issue_id', '=', issueId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
