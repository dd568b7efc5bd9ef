// Throwaway local Prosody servers for `scs run --local-server` (one per job).

export interface LocalServer {
  host: string;
  port: number;
  stop(): Promise<void>;
}

export async function startLocalServers(count: number): Promise<LocalServer[]> {
  throw new Error(`core/prosody is not available yet (asked for ${count})`);
}
