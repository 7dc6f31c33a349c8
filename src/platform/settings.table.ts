export interface SettingTable {
  key: string;
  /** JSON-encoded value. */
  value: string;
  updated_at: string;
}
