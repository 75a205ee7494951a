// The browser's outbox store (lib/client/outbox/store.ts, IndexedDB) as a file: the same records
// and the same operations, each change written whole to a temporary file and renamed over the old
// one before it resolves. A rename is atomic, so a client killed at any moment leaves either the
// old outbox or the new one on disk, as a committed (or not) IndexedDB transaction would.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { NewOutboxRecord, OutboxRecord } from "../../../lib/client/outbox/record";

export class FileOutbox {
  private records: OutboxRecord[];

  constructor(private readonly file: string) {
    this.records = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as OutboxRecord[]) : [];
  }

  private persist() {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.records));
    renameSync(tmp, this.file);
  }

  /** After every one already queued: its order is one past the highest, as store.add takes it. */
  async add(record: NewOutboxRecord): Promise<OutboxRecord> {
    const order = Math.max(0, ...this.records.map((r) => r.order)) + 1;
    const added: OutboxRecord = { ...record, order, state: "queued" };
    this.records = [...this.records, added];
    this.persist();
    return added;
  }

  /** Every record in typed order. */
  async all(): Promise<OutboxRecord[]> {
    return [...this.records].sort((a, b) => a.order - b.order);
  }

  /** What is on disk now, without waiting (for digests and the final check). */
  snapshot(): readonly OutboxRecord[] {
    return this.records;
  }

  async update(clientId: string, patch: Partial<Pick<OutboxRecord, "state" | "failure" | "body">>) {
    const found = this.records.some((r) => r.clientId === clientId);
    if (!found) return false;
    this.records = this.records.map((r) => {
      if (r.clientId !== clientId) return r;
      const next: OutboxRecord = { ...r, ...patch };
      // IndexedDB's structured clone keeps a key set to undefined; JSON drops it: the same record.
      if (patch.failure === undefined && "failure" in patch) delete next.failure;
      return next;
    });
    this.persist();
    return true;
  }

  async remove(clientId: string): Promise<void> {
    this.records = this.records.filter((r) => r.clientId !== clientId);
    this.persist();
  }
}
