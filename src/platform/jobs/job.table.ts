import type { Generated, Selectable } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface JobTable {
  id: Generated<number>;
  name: string;
  payload: string;
  status: JobStatus;
  /** Jobs are claimed only when run_at <= now (ISO string). */
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  /** The lease: a running job whose lease has passed is claimed again (its worker died). */
  locked_until: string | null;
  last_error: string | null;
  /** Enqueuing twice with the same key while the first is not finished adds nothing. */
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export type JobRow = Selectable<JobTable>;

declare module '../db/database-schema.js' {
  interface Database {
    jobs: JobTable;
  }
}
