// The soak's results: what was done (faults by kind, messages typed, stored, received, retries,
// errors by status), how long the clients took to match the database after the last fault, and
// every violation with the seed that replays it — as latest.json and latest.md.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import type { OutboxRecord } from "../../lib/client/outbox/record";
import { statusCounts, type Violation } from "./checker";
import { replayCommand, type ChaosConfig } from "./config";
import type { FaultRecord } from "./faults";
import type { AnswerLine, EventLine, JournalLine, ObservationLine, RequestLine } from "./protocol";
import { countByKind, FAULT_KINDS, type FaultKind, type Plan } from "./schedule";
import type { Truth } from "./truth";

export type ClientFiles = {
  userId: string;
  journal: JournalLine[];
  answers: AnswerLine[];
  outbox: OutboxRecord[];
  requests: RequestLine[];
  observations: ObservationLine[];
  events: EventLine[];
  counters: Record<string, number>[];
};

type Convergence = { settled: boolean; perClient: (number | null)[]; allMs: number; lastDiffs: string[] };

export type ChaosResults = ReturnType<typeof buildResults>;

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

export function buildResults(input: {
  config: ChaosConfig;
  plan: Plan;
  faults: FaultRecord[];
  truth: Truth;
  files: ClientFiles[];
  convergence: Convergence;
  violations: Violation[];
  dbObservations: number;
  startedAt: number;
  startAt: number;
  lastFaultEnd: number;
  /** The app's log lines at warn or error, counted by message. */
  appLog: Record<string, number>;
}) {
  const { config, plan, faults, truth, files, convergence, violations } = input;
  const sum = (key: string) =>
    files.reduce((n, f) => n + f.counters.reduce((m, c) => m + (c[key] ?? 0), 0), 0);
  const answers = files.flatMap((f) => f.answers);
  const requests = files.flatMap((f) => f.requests);
  const users = new Set(files.map((f) => f.userId));
  const done = faults.filter((f) => !f.skipped);
  const restarts = (kind: FaultKind) =>
    done.filter((f) => f.kind === kind && f.restartMs !== undefined).map((f) => f.restartMs!);
  const converged = convergence.perClient.filter((t): t is number => t !== null);
  const catchUp = (records: FaultRecord[]) => {
    const all = records.flatMap((f) => f.catchUpMs ?? []);
    const ok = all.filter((t): t is number => t !== null);
    return {
      p50: percentile(ok, 50),
      max: percentile(ok, 100),
      measured: all.length,
      missed: all.length - ok.length,
    };
  };
  const last = [...done].sort((a, b) => a.endedAt - b.endedAt).at(-1);
  const byRule: Record<string, number> = {};
  for (const v of violations) byRule[v.rule] = (byRule[v.rule] ?? 0) + 1;
  return {
    schema: "ticks-chaos/1",
    generatedAt: new Date().toISOString(),
    seed: config.seed,
    replay: replayCommand(config),
    config: {
      durationS: config.durationMs / 1000,
      users: config.users,
      rate: config.rate,
      conversations: plan.conversations.length,
      settleS: config.settleMs / 1000,
      smoke: config.smoke,
    },
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg(), node: process.version },
    wallS: Math.round((Date.now() - input.startedAt) / 1000),
    faults: {
      planned: countByKind(plan.faults),
      done: countByKind(done),
      skipped: faults
        .filter((f) => f.skipped)
        .map((f) => ({ kind: f.kind, client: f.client, why: f.skipped })),
      restartMs: Object.fromEntries(
        (["app-kill", "realtime-kill", "client-kill"] as const).map((k) => [
          k,
          { p50: percentile(restarts(k), 50), max: percentile(restarts(k), 100) },
        ]),
      ),
      /** From each repair until the clients it affected held everything the database had then. */
      catchUpMs: Object.fromEntries(FAULT_KINDS.map((k) => [k, catchUp(done.filter((f) => f.kind === k))])),
      /** The same for the last fault of the run. */
      lastFault: last ? { kind: last.kind, ...catchUp([last]) } : null,
      /** Seconds from the start of the traffic: when each fault began and how long until repaired. */
      timeline: faults.map((f) => ({
        kind: f.kind,
        ...(f.client === undefined ? {} : { client: f.client }),
        atS: round((f.startedAt - input.startAt) / 1000),
        lateS: round((f.startedAt - f.plannedAt) / 1000),
        forS: round((f.endedAt - f.startedAt) / 1000),
      })),
    },
    messages: {
      planned: plan.sends.length,
      typed: files.reduce((n, f) => n + f.journal.length, 0),
      answered2xx: answers.filter((a) => a.status >= 200 && a.status < 300).length,
      answeredAgain200: answers.filter((a) => a.status === 200).length,
      stored: truth.messages.filter((m) => users.has(m.senderId) && m.kind === "text").length,
      refused: files.reduce(
        (n, f) => n + f.outbox.filter((r) => r.state === "failed" && !r.failure?.retryable).length,
        0,
      ),
      receivedLive: sum("receivedLive"),
      receivedFetched: sum("receivedFetched"),
    },
    retries: {
      /** Send attempts beyond each message's first. */
      sendAttempts: answers.length,
      extraAttempts: answers.length - new Set(answers.map((a) => a.clientId)).size,
      afterRetryAfterOrNetwork: sum("resends"),
      retryTaps: sum("retryTaps"),
      catchUps: sum("catchUps"),
      subscriptionErrors: sum("subscriptionErrors"),
    },
    /** Full equality (messages, unread counts, ticks) once the faults were over and typing stopped. */
    convergence: {
      settled: convergence.settled,
      fromS: round((input.lastFaultEnd - input.startAt) / 1000),
      p50Ms: percentile(converged, 50),
      maxMs: converged.length === convergence.perClient.length ? percentile(converged, 100) : null,
      allMs: convergence.allMs,
      notConverged: convergence.perClient.flatMap((t, i) => (t === null ? [i] : [])),
      lastDiffs: convergence.lastDiffs,
    },
    requestsByStatus: statusCounts(requests),
    appLog: input.appLog,
    observations: {
      database: input.dbObservations,
      clients: files.reduce((n, f) => n + f.observations.length, 0),
    },
    violations: { count: violations.length, byRule, list: violations.slice(0, 100) },
  };
}

const round = (x: number) => Math.round(x * 10) / 10;

export function markdown(r: ChaosResults): string {
  const lines: string[] = [];
  const ms = (x: number | null) => (x === null ? "–" : `${(x / 1000).toFixed(1)} s`);
  lines.push(
    `# Chaos soak — ${r.violations.count === 0 ? "no violations" : `${r.violations.count} violation(s)`}`,
    "",
    `\`${r.replay}\` · ${r.generatedAt} · ${r.machine.cpus} cores, load ${r.machine.loadAverage.map((x) => x.toFixed(1)).join(" ")} · ${r.wallS} s wall`,
    "",
    `${r.config.users} people in ${r.config.conversations} chats (direct and groups), ${r.config.rate} messages/s for ${r.config.durationS} s.`,
    "",
    "| fault | planned | done | restart p50 / max | clients caught up after it: p50 / max |",
    "|---|---:|---:|---:|---:|",
    ...FAULT_KINDS.map((k) => {
      const restart = (r.faults.restartMs as Record<string, { p50: number | null; max: number | null }>)[k];
      const caught = r.faults.catchUpMs[k]!;
      const missed = caught.missed ? ` (${caught.missed} never)` : "";
      return `| ${k} | ${r.faults.planned[k]} | ${r.faults.done[k]} | ${restart ? `${ms(restart.p50)} / ${ms(restart.max)}` : "–"} | ${ms(caught.p50)} / ${ms(caught.max)}${missed} |`;
    }),
    "",
    "Caught up: from the repair (process healthy again, lock let go, network back) until every client it affected held every message the database had at that moment" +
      (r.faults.lastFault
        ? `; after the last fault (${r.faults.lastFault.kind}): p50 ${ms(r.faults.lastFault.p50)}, max ${ms(r.faults.lastFault.max)}.`
        : "."),
    "",
    "| messages | |",
    "|---|---:|",
    `| typed (queued in an outbox) | ${r.messages.typed} |`,
    `| answered 2xx | ${r.messages.answered2xx} (of which 200 "already stored": ${r.messages.answeredAgain200}) |`,
    `| stored | ${r.messages.stored} |`,
    `| refused explicitly | ${r.messages.refused} |`,
    `| received live / by fetch | ${r.messages.receivedLive} / ${r.messages.receivedFetched} |`,
    `| send attempts (extra: same clientId again) | ${r.retries.sendAttempts} (${r.retries.extraAttempts}) |`,
    `| resent after Retry-After or the network's return | ${r.retries.afterRetryAfterOrNetwork} |`,
    `| Retry tapped on Not sent | ${r.retries.retryTaps} |`,
    `| catch-ups / subscription errors | ${r.retries.catchUps} / ${r.retries.subscriptionErrors} |`,
    "",
    `**Convergence** once the faults were over and typing stopped (${r.convergence.fromS} s into the run): ` +
      (r.convergence.settled
        ? `every client's messages, unread counts and ticks matched the database — p50 ${ms(r.convergence.p50Ms)}, max ${ms(r.convergence.maxMs)}.`
        : `not every client matched within the settle time (clients ${r.convergence.notConverged.join(", ") || "–"}).`),
    "",
    "| requests | " + statusColumns(r).join(" | ") + " |",
    "|---|" +
      statusColumns(r)
        .map(() => "---:")
        .join("|") +
      "|",
    ...Object.entries(r.requestsByStatus).map(
      ([kind, counts]) =>
        `| ${kind} | ${statusColumns(r)
          .map((s) => counts[s] ?? 0)
          .join(" | ")} |`,
    ),
    "",
    `Status 0: no answer (server down, network dropped). Watermark observations checked: ${r.observations.database} database reads, ${r.observations.clients} from answers.`,
    "",
    "App log (warn and error lines): " +
      (Object.entries(r.appLog)
        .map(([k, n]) => `${k} × ${n}`)
        .join("; ") || "none") +
      ".",
    "",
  );
  if (r.violations.count) {
    lines.push("## Violations", "", `Replay: \`${r.replay}\``, "");
    for (const v of r.violations.list) lines.push(`- **${v.rule}**: ${v.detail}`);
    lines.push("");
  }
  return lines.join("\n");
}

function statusColumns(r: ChaosResults): string[] {
  const all = new Set<string>();
  for (const counts of Object.values(r.requestsByStatus)) for (const s of Object.keys(counts)) all.add(s);
  return [...all].sort((a, b) => Number(a) - Number(b));
}

export function writeResults(dir: string, results: ChaosResults) {
  mkdirSync(dir, { recursive: true });
  const md = markdown(results);
  writeFileSync(`${dir}/latest.json`, JSON.stringify(results, null, 2) + "\n");
  writeFileSync(`${dir}/latest.md`, md);
  console.log(`\n${md}\nwritten: ${dir}/latest.json, ${dir}/latest.md`);
}
