// What the app is built from (its dependencies, passed in by each entry) and what a request carries.
import type { Db } from '../../core/db/port.ts';

export interface EdgeAppOptions {
  /** Reported by `GET /health` and in the OpenAPI document. */
  version: string;
  /**
   * Opens the database for one request: called at most once per request, only by routes that need it,
   * and the result is closed when the request is done. Absent: no database (`db: "none"` in /health,
   * 503 DB_NOT_CONFIGURED where one is needed). An entry with a long-lived pool hands out a view whose
   * `close()` leaves the pool open (see borrowDb in request-db.ts).
   */
  openDb?: (() => Db | Promise<Db>) | null;
  /** The largest request body accepted (MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** How long a request body may take to arrive in full (BODY_TIMEOUT_MS); default body.ts's 60 s. */
  bodyTimeoutMs?: number;
  /** When set, `POST /analyze?store=true` needs `Authorization: Bearer <apiToken>`. */
  apiToken?: string | null;
  /**
   * SHA-256 of an upload, lowercase hex; default crypto.subtle (core's sha256Hex), which every runtime has.
   * The Node entry passes node:crypto's synchronous hash, several times cheaper for small files.
   */
  sha256?: (bytes: Uint8Array) => string | Promise<string>;
  /**
   * Reads a file at a path the library recorded, for the piano roll of a stored file (the database keeps no
   * MIDI bytes): null when it is missing, not a regular file, unreadable or over `maxBytes`. The Node entry
   * passes the bulk reader's (node.ts); absent on Workers and Deno Deploy, which have no such files.
   */
  readLocalFile?: ((path: string, maxBytes: number) => Promise<Uint8Array | null>) | null;
  /** Where internal errors (the 500s and 503s) are reported; default console.error. */
  logError?: (error: unknown, request: Request) => void;
}

/** The request's database, opened on first use (routes that may not need it, like /analyze, never open it). */
export type RequestDb = () => Promise<Db>;

export interface AppEnv {
  Variables: { db: RequestDb };
}
