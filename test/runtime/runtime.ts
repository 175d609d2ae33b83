// A server of the app running in some runtime (workerd, Deno, Node), reachable over HTTP on loopback.
export interface RunningRuntime {
  name: 'workerd' | 'deno' | 'node';
  /** e.g. "http://127.0.0.1:40123" */
  url: string;
  /** The server's process id, where the server is a process of its own (Node, Deno). */
  pid?: number;
  /** Stops it; a child process reports its exit code. */
  close(): Promise<number | null | void>;
}
