// `--profile`: the Next server runs under V8's sampling CPU profiler (Next's NEXT_CPU_PROF, see
// app-process.ts) and writes the profile when it stops. This keeps the samples of one window (the throughput scenario's sends)
// and says where the time went: self time by package or layer, and the top functions. Bundled
// server chunks are minified, so each frame is looked up in the chunk's source map (Node's own
// SourceMap) to find the file it came from — our lib/, next-auth, Prisma's client…
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame };
type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

export type ProfileSummary = {
  skipped: false;
  /** One profile per `next start` process. */
  files: string[];
  /**
   * The window kept, and the part of it the samples found the server not idle (wall time: on a
   * busy machine it includes waiting for a core).
   */
  windowMs: number;
  busyMs: number;
  /** Requests served in the window (sends), non-idle time and CPU time (from /proc) per send. */
  requests: number;
  busyMsPerRequest: number | null;
  cpuMsPerRequest: number | null;
  buckets: { name: string; ms: number; share: number }[];
  top: { fn: string; where: string; bucket: string; ms: number; share: number }[];
};

/** Bucket of a source path (an original file from a source map, or a file the server loaded). */
export function bucketOf(source: string): string {
  const s = safeDecode(source).replace(/\\/g, "/");
  if (/query_compiler|\.wasm\b|^wasm:/.test(s)) return "Prisma query compiler (wasm)";
  // The adapter and its lock (async-mutex) belong with the driver they serialise calls to.
  if (/@libsql\/|\/libsql\/|@prisma\/adapter-libsql|@prisma\/driver-adapter-utils|\/async-mutex\//.test(s))
    return "libSQL driver / SQLite";
  if (/@prisma\/|lib\/server\/db\/generated\//.test(s)) return "Prisma client";
  if (/\/next-auth\/|@auth\/core|\/jose\/|oauth4webapi|@panva\//.test(s))
    return "next-auth / jose (sessions)";
  if (/app-page(-turbo)?(-experimental)?\.runtime|react-dom\/|react-server-dom|\/react\//.test(s))
    return "React render";
  if (/\/next\//.test(s)) return "Next.js server / router";
  // The pusher SDK sends its requests with node-fetch.
  if (/\/pusher\/|\/node-fetch\//.test(s)) return "Pusher SDK (triggers)";
  if (/\/zod\//.test(s)) return "zod";
  if (/\/@node-rs\/argon2/.test(s)) return "argon2";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s.slice(s.lastIndexOf("node_modules/")));
  if (pkg) return `other packages: ${pkg[1]}`;
  if (/(^|\/)(lib|app)\/|(^|\/)(proxy|instrumentation)\.ts/.test(s)) return "our code (app/, lib/)";
  if (/^node:internal\/(deps\/undici|webstreams|worker\/js_transferable)/.test(s))
    return "Node: web Request/Response, web streams (undici)";
  if (/^node:(internal\/)?async_hooks/.test(s)) return "Node: async hooks (AsyncLocalStorage)";
  if (/^node:internal\/modules/.test(s)) return "Node: module loading";
  if (/^node:/.test(s)) return "Node: http, events, streams, crypto…";
  return "other";
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Frames without a script: V8's own entries and native builtins. */
function nativeBucket(fn: string): string {
  if (fn === "(idle)") return "idle";
  if (fn === "(garbage collector)") return "garbage collection";
  if (fn === "(program)") return "V8 / native (program)";
  if (/^(parse|stringify)$/.test(fn)) return "JSON (native)";
  return "V8 builtins / native";
}

class Resolver {
  private maps = new Map<string, SourceMap | null>();

  /** Original file (and line) of a frame: through the chunk's source map when it has one. */
  resolve(frame: CallFrame): { source: string; line: number } {
    const url = frame.url;
    if (!url.startsWith("file://")) return { source: url, line: frame.lineNumber + 1 };
    const file = fileURLToPath(url);
    const map = this.mapOf(file);
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as
      { originalSource?: string; originalLine?: number } | undefined;
    if (entry?.originalSource) {
      const original = entry.originalSource.startsWith("file://")
        ? fileURLToPath(entry.originalSource)
        : path.resolve(path.dirname(file), entry.originalSource);
      return {
        source: safeDecode(path.relative(process.cwd(), original)),
        line: (entry.originalLine ?? 0) + 1,
      };
    }
    return { source: path.relative(process.cwd(), file), line: frame.lineNumber + 1 };
  }

  private mapOf(file: string): SourceMap | null {
    if (!this.maps.has(file)) {
      let map: SourceMap | null = null;
      try {
        if (existsSync(`${file}.map`)) {
          const payload = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources?: unknown[] };
          if (payload.sources?.length) map = new SourceMap(payload as never);
        }
      } catch {
        map = null; // an unreadable map only costs precision
      }
      this.maps.set(file, map);
    }
    return this.maps.get(file)!;
  }
}

/**
 * The profiles the servers on `port` wrote when they stopped (one per `next start` process,
 * named by scripts/run.ts): those in .next-profiles/ written since `sinceMs`, moved to `keepAs`
 * with a number each (the folder is shared).
 */
export function takeProfiles(port: number, sinceMs: number, keepAs: string): string[] {
  const dir = ".next-profiles";
  if (!existsSync(dir)) return [];
  const written = readdirSync(dir)
    .filter((f) => f.startsWith(`cpu-profile-${port}-`) && f.endsWith(".cpuprofile"))
    .map((f) => ({ file: path.join(dir, f), mtime: statSync(path.join(dir, f)).mtimeMs }))
    .filter((f) => f.mtime >= sinceMs)
    .sort((a, b) => a.mtime - b.mtime);
  mkdirSync(path.dirname(keepAs), { recursive: true });
  return written.map(({ file }, i) => {
    const kept = keepAs.replace(/\.cpuprofile$/, `-${i + 1}.cpuprofile`);
    renameSync(file, kept);
    return kept;
  });
}

/**
 * Self time per bucket and function within [fromUs, toUs] (the profile's clock: CLOCK_MONOTONIC in
 * microseconds, the same as process.hrtime in the bench on Linux), over every server's profile.
 */
export function summariseProfile(
  files: string[],
  window: { fromUs: number; toUs: number },
  requests: number,
  /** The servers' CPU time over the window, from /proc (ResourceMeter). */
  cpuMs: number,
): ProfileSummary {
  const resolver = new Resolver();
  const selfUs = new Map<CallFrame, number>();
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i] ?? 0;
      if (t < window.fromUs || t > window.toUs) continue;
      // A sample stands for the time until the next one.
      const weight = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
      const frame = nodes.get(profile.samples[i]!)!.callFrame;
      selfUs.set(frame, (selfUs.get(frame) ?? 0) + weight);
    }
  }
  const buckets = new Map<string, number>();
  const functions = new Map<string, { fn: string; where: string; bucket: string; us: number }>();
  let idleUs = 0;
  let totalUs = 0;
  for (const [frame, us] of selfUs) {
    totalUs += us;
    let bucket: string;
    let where = "";
    if (!frame.url) {
      bucket = nativeBucket(frame.functionName);
    } else {
      const { source, line } = resolver.resolve(frame);
      bucket = frame.url.startsWith("node:") ? bucketOf(frame.url) : bucketOf(source);
      where = `${source.replace(/^.*node_modules\//, "")}:${line}`;
    }
    if (bucket === "idle") {
      idleUs += us;
      continue;
    }
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const fn = frame.functionName || "(anonymous)";
    const key = `${fn}@${where}`;
    const entry = functions.get(key) ?? { fn, where, bucket, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const busyUs = totalUs - idleUs;
  const ms = (us: number) => Math.round(us / 100) / 10;
  const share = (us: number) => (busyUs > 0 ? Math.round((us / busyUs) * 1000) / 10 : 0);
  return {
    skipped: false,
    files,
    windowMs: ms(window.toUs - window.fromUs),
    busyMs: ms(busyUs),
    requests,
    busyMsPerRequest: requests > 0 ? Math.round((busyUs / 1000 / requests) * 100) / 100 : null,
    cpuMsPerRequest: requests > 0 ? Math.round((cpuMs / requests) * 100) / 100 : null,
    buckets: fold(buckets, busyUs * 0.005)
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, ms: ms(us), share: share(us) })),
    top: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 20)
      .map((f) => ({ fn: f.fn, where: f.where, bucket: f.bucket, ms: ms(f.us), share: share(f.us) })),
  };
}

/** Buckets under `minUs` (packages with a sliver of the time) folded into one "other" line. */
function fold(buckets: Map<string, number>, minUs: number): [string, number][] {
  const out: [string, number][] = [];
  let rest = 0;
  for (const [name, us] of buckets) {
    if (us < minUs || name === "other") rest += us;
    else out.push([name, us]);
  }
  if (rest > 0) out.push(["other (each < 0.5 %)", rest]);
  return out;
}

/** Now on the profile's clock. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
