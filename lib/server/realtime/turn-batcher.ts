import "server-only";

/**
 * Items added during one turn of the event loop go out together, `max` per call to `send`, when
 * the turn's I/O callbacks are done (setImmediate): under load many requests reach this point in
 * one turn and share calls; alone, an item waits for nothing but the end of its own turn. `add`
 * resolves once every call of its flush has settled; `send` must not throw (it logs its failures).
 */
export class TurnBatcher<T> {
  #pending: { items: T[]; resolve: () => void }[] = [];
  #scheduled = false;

  constructor(
    private readonly max: number,
    private readonly send: (items: T[]) => Promise<void>,
  ) {}

  add(items: T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#pending.push({ items, resolve });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush() {
    this.#scheduled = false;
    const pending = this.#pending;
    this.#pending = [];
    const items = pending.flatMap((p) => p.items);
    const calls: Promise<void>[] = [];
    for (let i = 0; i < items.length; i += this.max) calls.push(this.send(items.slice(i, i + this.max)));
    void Promise.allSettled(calls).then(() => {
      for (const p of pending) p.resolve();
    });
  }
}
