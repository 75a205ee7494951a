// A client's notes, in files of its folder so they outlive a kill -9: lines that must not be lost
// (what the person typed, what a send was answered) are appended at once; the many others are
// buffered and written every half second (a kill loses at most that much of them, which only
// means fewer observations to check, never a false violation).
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  FILES,
  type AnswerLine,
  type EventLine,
  type JournalLine,
  type ObservationLine,
  type RequestLine,
} from "../protocol";

/** What one client process counted; each process writes its own file (summed by the orchestrator). */
export type Counters = {
  /** New messages that arrived as realtime events… */
  receivedLive: number;
  /** …and the ones a fetch brought (catch-up, loading older). */
  receivedFetched: number;
  catchUps: number;
  /** The person tapped Retry on a message left Not sent. */
  retryTaps: number;
  /** Sends that went out again after a wait (Retry-After, or the network coming back). */
  resends: number;
  subscriptionErrors: number;
};

export const emptyCounters = (): Counters => ({
  receivedLive: 0,
  receivedFetched: 0,
  catchUps: 0,
  retryTaps: 0,
  resends: 0,
  subscriptionErrors: 0,
});

export class ClientLogs {
  private buffers = new Map<string, string[]>();
  private timer: ReturnType<typeof setInterval>;
  readonly counters = emptyCounters();

  constructor(private readonly dir: string) {
    this.timer = setInterval(() => this.flush(), 500);
    this.timer.unref();
  }

  private now(file: string, line: unknown) {
    appendFileSync(join(this.dir, file), JSON.stringify(line) + "\n");
  }

  private later(file: string, line: unknown) {
    const buffer = this.buffers.get(file) ?? [];
    buffer.push(JSON.stringify(line));
    this.buffers.set(file, buffer);
  }

  journal = (line: JournalLine) => this.now(FILES.journal, line);
  answer = (line: AnswerLine) => this.now(FILES.answers, line);
  request = (line: RequestLine) => this.later(FILES.requests, line);
  observe = (line: ObservationLine) => this.later(FILES.observations, line);
  event = (what: string, detail?: unknown) =>
    this.later(FILES.events, {
      at: Date.now(),
      what,
      ...(detail === undefined ? {} : { detail }),
    } satisfies EventLine);

  flush() {
    for (const [file, lines] of this.buffers) {
      if (lines.length) appendFileSync(join(this.dir, file), lines.join("\n") + "\n");
    }
    this.buffers.clear();
    writeFileSync(join(this.dir, `counters-${process.pid}.json`), JSON.stringify(this.counters));
  }

  close() {
    clearInterval(this.timer);
    this.flush();
  }
}
