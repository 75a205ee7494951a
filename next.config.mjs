// Headers on every response (the pages' nonce-based CSP is set per request in proxy.ts).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
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
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
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
