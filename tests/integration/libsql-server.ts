// A small stand-in for a remote libSQL server (Turso speaks the same protocol): Hrana v2 over
// HTTP (`POST /v2/pipeline`), backed by a local SQLite file, refusing any request without the
// expected `Authorization: Bearer <token>`. Enough of the protocol for @libsql/client's HTTP
// client as Prisma's adapter drives it: execute, batch (with conditions), sequence, close.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "libsql";

type Value =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };
type Stmt = { sql?: string; sql_id?: number; args?: Value[]; named_args?: { name: string; value: Value }[] };
type Cond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: Cond }
  | { type: "and" | "or"; conds: Cond[] }
  | { type: "is_autocommit" };
type Request =
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; batch: { steps: { stmt: Stmt; condition?: Cond | null }[] } }
  | { type: "sequence"; sql?: string; sql_id?: number }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number }
  | { type: "get_autocommit" }
  | { type: "close" };

export type LibsqlServer = { url: string; requests: () => number; close: () => Promise<void> };

function fromValue(v: Value): unknown {
  switch (v.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(v.value);
    case "float":
      return v.value;
    case "text":
      return v.value;
    case "blob":
      return Buffer.from(v.base64, "base64");
  }
}

function toValue(v: unknown): Value {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  if (Buffer.isBuffer(v)) return { type: "blob", base64: v.toString("base64") };
  return { type: "text", value: String(v) };
}

export async function startLibsqlServer(input: { file: string; token: string }): Promise<LibsqlServer> {
  // One connection per stream (baton): a transaction stays on the stream that began it.
  const streams = new Map<string, { db: Database.Database; sql: Map<number, string> }>();
  let nextBaton = 0;
  let requests = 0;

  function run(db: Database.Database, sqlOf: (s: Stmt) => string, stmt: Stmt) {
    const prepared = db.prepare(sqlOf(stmt)).safeIntegers(true);
    const args: unknown[] | Record<string, unknown> = stmt.named_args?.length
      ? Object.fromEntries(stmt.named_args.map((a) => [a.name.replace(/^[:@$]/, ""), fromValue(a.value)]))
      : (stmt.args ?? []).map(fromValue);
    const bind = Array.isArray(args) ? args : [args];
    if (prepared.reader) {
      const rows = prepared.raw(true).all(...bind) as unknown[][];
      const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type }));
      return { cols, rows: rows.map((r) => r.map(toValue)), affected_row_count: 0, last_insert_rowid: null };
    }
    const result = prepared.run(...bind);
    return {
      cols: [],
      rows: [],
      affected_row_count: Number(result.changes),
      last_insert_rowid: String(result.lastInsertRowid),
    };
  }

  function handle(stream: { db: Database.Database; sql: Map<number, string> }, request: Request) {
    const sqlOf = (s: { sql?: string; sql_id?: number }) => s.sql ?? stream.sql.get(s.sql_id ?? -1) ?? "";
    switch (request.type) {
      case "execute":
        return { type: "execute", result: run(stream.db, sqlOf, request.stmt) };
      case "batch": {
        const results: unknown[] = [];
        const errors: unknown[] = [];
        const holds = (c: Cond): boolean => {
          switch (c.type) {
            case "ok":
              return results[c.step] != null;
            case "error":
              return errors[c.step] != null;
            case "not":
              return !holds(c.cond);
            case "and":
              return c.conds.every(holds);
            case "or":
              return c.conds.some(holds);
            case "is_autocommit":
              return !stream.db.inTransaction;
          }
        };
        request.batch.steps.forEach((step, i) => {
          results[i] = null;
          errors[i] = null;
          if (step.condition && !holds(step.condition)) return;
          try {
            results[i] = run(stream.db, sqlOf, step.stmt);
          } catch (error) {
            errors[i] = { message: (error as Error).message };
          }
        });
        return { type: "batch", result: { step_results: results, step_errors: errors } };
      }
      case "sequence":
        stream.db.exec(sqlOf(request));
        return { type: "sequence" };
      case "store_sql":
        stream.sql.set(request.sql_id, request.sql);
        return { type: "store_sql" };
      case "close_sql":
        stream.sql.delete(request.sql_id);
        return { type: "close_sql" };
      case "get_autocommit":
        return { type: "get_autocommit", is_autocommit: !stream.db.inTransaction };
      case "close":
        return { type: "close" };
    }
  }

  const server: Server = createServer((req, res) => {
    requests++;
    if (req.headers.authorization !== `Bearer ${input.token}`) {
      res.writeHead(401).end("Unauthorized");
      return;
    }
    // Only protocol v2: the client probes /v3 and /v3-protobuf first and falls back.
    if (req.method !== "POST" || req.url !== "/v2/pipeline") {
      res.writeHead(404).end();
      return;
    }
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const { baton, requests: list } = JSON.parse(body) as { baton: string | null; requests: Request[] };
      const id = baton ?? String(++nextBaton);
      const stream = streams.get(id) ?? { db: new Database(input.file), sql: new Map<number, string>() };
      streams.set(id, stream);
      let closed = false;
      const results = list.map((request) => {
        try {
          const response = handle(stream, request);
          if (request.type === "close") closed = true;
          return { type: "ok", response };
        } catch (error) {
          return { type: "error", error: { message: (error as Error).message } };
        }
      });
      if (closed) {
        stream.db.close();
        streams.delete(id);
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ baton: closed ? null : id, base_url: null, results }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: async () => {
      for (const s of streams.values()) s.db.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
