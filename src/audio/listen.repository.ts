import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type { ListenEvent } from './narration.table.js';

/** Adds one to a day's counter for an article and event. */
export async function countListen(
  executor: Executor,
  day: string,
  articleId: number,
  event: ListenEvent,
): Promise<void> {
  await executor
    .insertInto('audio_listens')
    .values({ day, article_id: articleId, event, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['day', 'article_id', 'event'])
        .doUpdateSet({ count: sql<number>`audio_listens.count + 1` }),
    )
    .execute();
}

/** Totals per article and event since a day (inclusive), with the article titles. */
export function listenTotals(executor: Executor, sinceDay: string) {
  return executor
    .selectFrom('audio_listens')
    .innerJoin('articles', 'articles.id', 'audio_listens.article_id')
    .select([
      'audio_listens.article_id',
      'articles.title',
      'audio_listens.event',
      (eb) => eb.fn.sum<number>('audio_listens.count').as('total'),
    ])
    .where('audio_listens.day', '>=', sinceDay)
    .groupBy(['audio_listens.article_id', 'articles.title', 'audio_listens.event'])
    .execute();
}

/** Plays per day since a day (the chart). */
export function playsPerDay(executor: Executor, sinceDay: string) {
  return executor
    .selectFrom('audio_listens')
    .select(['day', (eb) => eb.fn.sum<number>('count').as('plays')])
    .where('event', '=', 'play')
    .where('day', '>=', sinceDay)
    .groupBy('day')
    .orderBy('day')
    .execute();
}
