/** Types for demo/serve.mjs, so TypeScript tests can start the demo inbox in-process. */

export declare const DEFAULT_PORT: 5174;
export declare const DEFAULT_HOST: '127.0.0.1';

export interface DemoServer {
  /** e.g. `http://127.0.0.1:5174/` (always ends with `/`). */
  url: string;
  port: number;
  /** Stops listening and drops open connections. Safe to call more than once. */
  close(): Promise<void>;
}

/** Serves demo/public/ with an index.html fallback. `port: 0` picks a free port. */
export declare function startDemoServer(options?: { port?: number; host?: string }): Promise<DemoServer>;
