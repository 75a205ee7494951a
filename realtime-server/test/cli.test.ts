import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { withTimeout } from "./helpers";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Runs the CLI as `npm run realtime` does (through tsx), on an ephemeral port. */
function runCli(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: { ...process.env, PUSHER_PORT: "0", REALTIME_LOG: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = withTimeout(
    new Promise<string>((resolve, reject) => {
      child.stdout?.on("data", () => {
        const match = /realtime server listening on (http:\/\/\S+) \(app (\S+)\)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    }),
    15_000,
    "the listening line",
  );
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

describe("npm run realtime", () => {
  it("prints one listening line with the app id, serves, and exits 0 on SIGTERM after closing clients with 4200", async () => {
    const cli = runCli({ PUSHER_APP_ID: "cli-app", PUSHER_KEY: "cli-key", PUSHER_SECRET: "cli-secret" });
    const url = await cli.listening;
    expect(cli.output().stdout).toMatch(
      /^realtime server listening on http:\/\/127\.0\.0\.1:\d+ \(app cli-app\)\n$/,
    );
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true, connections: 0 });

    const ws = new WebSocket(`${url.replace("http", "ws")}/app/cli-key?protocol=7`);
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    await withTimeout(new Promise((resolve) => ws.once("message", resolve)), 5000, "connection_established");

    cli.child.kill("SIGTERM");
    expect(await withTimeout(closed, 5000, "the socket to close")).toBe(4200);
    expect(await withTimeout(cli.exited, 5000, "exit")).toBe(0);
  });

  it("exits 0 on SIGINT", async () => {
    const cli = runCli({});
    await cli.listening;
    cli.child.kill("SIGINT");
    expect(await withTimeout(cli.exited, 5000, "exit")).toBe(0);
  });

  it("refuses a bad setting with the variable's name and exit code 1", async () => {
    const cli = runCli({ REALTIME_LOG: "loud" });
    expect(await withTimeout(cli.exited, 15_000, "exit")).toBe(1);
    expect(cli.output().stderr).toMatch(/REALTIME_LOG/);
    await cli.listening.catch(() => undefined);
  });
});
