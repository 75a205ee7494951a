// What the browser is told about the realtime server: pusher-js's settings when live updates are
// on. Shared by the server (which builds it from the environment) and the browser (which connects).

/** What pusher-js in the browser needs; only exists when live updates are on. */
export type LiveRealtimeConfig = {
  enabled: true;
  key: string;
  cluster: string;
  wsHost?: string;
  wsPort?: number;
  forceTLS: boolean;
};

/**
 * Handed to the browser per request. `enabled: false` means no Pusher at all: the page never
 * loads pusher-js and polls the API instead, so every consumer has to say what it does then.
 */
export type PublicRealtimeConfig = LiveRealtimeConfig | { enabled: false };
