// A client's network, which the orchestrator can take away: while it is down every request fails
// at once as a browser's fetch does offline, requests on their way lose their answer (aborted: the
// server may still have done the work — the case a clientId exists for), and `online()` says so, as
// navigator.onLine would. The realtime socket is dropped and reconnected by the client itself.
export class Network {
  private down = false;
  private readonly inFlight = new Set<AbortController>();
  private readonly listeners = new Set<(online: boolean) => void>();

  online(): boolean {
    return !this.down;
  }

  onChange(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(online: boolean) {
    if (online === !this.down) return;
    this.down = !online;
    if (!online) {
      for (const controller of this.inFlight) controller.abort(new TypeError("network lost"));
      this.inFlight.clear();
    }
    for (const listener of this.listeners) listener(online);
  }

  /** A fetch that fails while the network is down, and loses its answer when it goes down. */
  readonly fetch: typeof fetch = async (input, init) => {
    if (this.down) throw new TypeError("fetch failed: offline");
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      const response = await fetch(input, { ...init, signal: controller.signal });
      // The body too is lost if the network goes before it is read.
      const body = await response.arrayBuffer();
      if (this.down) throw new TypeError("fetch failed: offline");
      // A status that can't carry a body (204, 304…) must be rebuilt without one.
      const empty = [101, 204, 205, 304].includes(response.status);
      return new Response(empty ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      this.inFlight.delete(controller);
    }
  };
}
