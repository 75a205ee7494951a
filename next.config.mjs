// Headers on every response (the pages' nonce-based CSP is set per request in proxy.ts).
const everyResponse = [{ key: "X-Content-Type-Options", value: "nosniff" }];
// What only a document (or an API answer) acts on. Not on the build's static files: a browser
// ignores them on a script, and a conversation page loads a dozen scripts (each would carry ~180
// bytes for nothing — they count in the page's JS budget).
const documentHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build directory lets two e2e runs (or a benchmark) build side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  devIndicators: false,
  experimental: {
    // Fewer, larger scripts for a page's first load: the conversation page went from 12 scripts
    // to 9 and from 187.5 to 184.2 kB of gzipped JS on the wire (one gzip stream compresses
    // better, and each script's response headers count). Lazy parts (menus, dialogs) stay apart.
    // Measured by `npm run bench` (bench/lib/scenarios/page.ts); its CI budget is 185 kB.
    turbopackChunking: { minChunkSize: 120_000, requestCost: 1_000_000 },
  },
  // Native bindings and the libSQL driver stay out of the server bundle, and so does the bundler
  // that builds the service worker (app/serwist/[path]/route.ts; what Serwist's withSerwist adds).
  serverExternalPackages: [
    "@node-rs/argon2",
    "@libsql/client",
    "libsql",
    "@prisma/adapter-libsql",
    "esbuild",
    "esbuild-wasm",
  ],
  // The hot path's API routes (pages/api, docs/architecture.md "The hot path") bundle their
  // packages as the App Router does, rather than loading them from node_modules at run time. That
  // is also how `server-only` (atop every lib/server module) resolves there to Next's empty module
  // instead of the package's throwing default. serverExternalPackages above stay external in both.
  bundlePagesRouterDependencies: true,
  async headers() {
    return [
      { source: "/:path*", headers: everyResponse },
      { source: "/((?!_next/static/).*)", headers: documentHeaders },
      // JSON only: nothing in an API answer may run, load or be framed.
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      // The service worker fetches this origin only (the pages' CSP comes from proxy.ts, which
      // leaves the worker's script alone).
      {
        source: "/serwist/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'self'" }],
      },
    ];
  },
};

export default nextConfig;
