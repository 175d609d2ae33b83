// A schema migration: plain SQL applied once, in version order, by migrate().

export interface Migration {
  /** 1, 2, 3, ...: applied in this order, each exactly once. */
  version: number;
  name: string;
  sql: string;
}
