import "server-only";
import { checkEnvironment, formatProblems } from "./env";
import { log } from "./log";

/**
 * The server's own start-up check (instrumentation.ts), for hosts that run `next start` or a
 * serverless function without scripts/run.ts: refuse a bad environment with the one message
 * run.ts would print, and state the warnings (e.g. live updates off) once: by the one process,
 * or by the first of npm start's (scripts/workers.ts numbers them).
 */
export function checkAtStartup() {
  const { env, errors, warnings } = checkEnvironment();
  if (errors.length > 0) {
    // Throwing would only make Next print it twice and serve anyway, answering 500s. Plain text,
    // not a JSON line: a person reads this one, once, to fix the settings.
    console.error(formatProblems(errors));
    process.exit(1);
  }
  if ((env.WEB_PROCESS ?? 1) > 1) return;
  for (const warning of warnings) log("warn", warning);
}
