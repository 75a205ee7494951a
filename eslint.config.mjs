import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Imports run one way (docs/architecture.md, "Layers"):
//   app → components → lib/client → lib/core
//   app → lib/server → lib/core
//   pages/api → lib/server → lib/core
// and nothing but app/ (and the tests that exercise it) imports from app/; likewise pages/.
const LAYERS = [
  {
    target: "./lib/core",
    from: [
      "./lib/server",
      "./lib/client",
      "./app",
      "./pages",
      "./components",
      "./bench",
      "./realtime-server",
    ],
    message: "lib/core is pure TypeScript shared by both sides: it imports nothing of ours outside lib/core.",
  },
  {
    target: "./lib/client",
    from: ["./lib/server", "./app", "./pages", "./components"],
    message:
      "lib/client runs in the browser: it may import lib/core only (server actions come through ChatContext).",
  },
  {
    target: "./lib/server",
    from: ["./lib/client", "./app", "./pages", "./components"],
    message: "lib/server may import lib/core only, never browser code, app/ or pages/.",
  },
  {
    target: "./components",
    from: ["./lib/server", "./app", "./pages"],
    message:
      "Components run in the browser (or render server data passed in): import lib/client and lib/core.",
  },
  {
    target: [
      "./lib",
      "./components",
      "./bench",
      "./chaos",
      "./scripts",
      "./prisma",
      "./proxy.ts",
      "./instrumentation.ts",
    ],
    from: ["./app", "./pages"],
    message: "Nothing imports from app/ or pages/ but themselves (and the tests that exercise their routes).",
  },
  {
    target: "./app",
    from: "./pages",
    message: "app/ and pages/ are siblings: both are thin adapters over lib/server.",
  },
  {
    target: "./pages",
    from: ["./app", "./components", "./lib/client"],
    message: "pages/ holds the hot path's API routes only: they import lib/server and lib/core.",
  },
  {
    target: "./bench",
    from: ["./lib/server", "./lib/client", "./components"],
    message: "The benchmark is a client from outside: it shares lib/core only.",
  },
  {
    // The soak runs the browser's own rules (the outbox's send loop, the cache's merges) in Node:
    // lib/core and lib/client's plain modules, never server code.
    target: "./chaos",
    from: ["./lib/server", "./components", "./app", "./pages"],
    message:
      "The chaos soak is a client from outside: lib/core, lib/client and the benchmark's clients only.",
  },
  {
    target: "./realtime-server",
    from: ["./lib", "./app", "./pages", "./components", "./bench"],
    message: "The realtime server stands alone: it imports nothing of the app's.",
  },
  {
    target: "./storage-server",
    from: ["./lib", "./app", "./pages", "./components", "./bench", "./realtime-server"],
    message: "The local object store stands alone: it imports nothing of the app's.",
  },
];

const FRAMEWORK = ["react", "react-dom", "react/*", "next", "next/*", "swr"];
const SERVER_PACKAGES = ["server-only", "pusher", "@prisma/*", "@libsql/*", "next-auth", "next-auth/*"];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "lib/server/db/generated/**",
      "node_modules/**",
      "test-results*/**",
      "playwright-report/**",
      "bench/results/**",
      "chaos/results/**",
      "next-env.d.ts",
      ".tmp/**",
    ],
  },
  {
    rules: { "import/no-restricted-paths": ["error", { zones: LAYERS }] },
  },
  {
    files: ["lib/core/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: [...FRAMEWORK, ...SERVER_PACKAGES], message: "lib/core is framework-free TypeScript." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/client/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: SERVER_PACKAGES, message: "Browser code can't use server-only packages." }] },
      ],
    },
  },
  {
    // One way to answer JSON (lib/server/http/json.ts says why small answers skip gzip).
    files: ["app/**", "pages/**", "lib/server/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "Response", property: "json", message: "Answer with json() from lib/server/http/json.ts." },
      ],
    },
  },
  {
    // The hot path's routes run in the Pages Router, which has no request scope for next/headers:
    // they, and the route helpers every route shares, read the request they are handed.
    files: ["pages/**", "lib/server/http/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "next/headers",
              message: "Read the request you were handed (requestUser, request.headers): see node-api.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call `use`, which is not React's.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
