export interface SettingTable {
  key: string;
  /** JSON-encoded value. */
  value: string;
  updated_at: string;
}

declare module './db/database-schema.js' {
  interface Database {
    settings: SettingTable;
  }
}
