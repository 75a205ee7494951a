// GET /serwist/sw.js - the service worker, built with the app (its precache list names this build's files)
import { createSerwistRoute } from "@serwist/turbopack";

// Prerendered at build time: the worker is bundled (esbuild) from its source with the list of the
// build's static files, and served with Service-Worker-Allowed: / so its scope is the whole app.
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "lib/client/offline/service-worker.ts",
  useNativeEsbuild: true,
  // A classic script: registers in every browser with service workers (module workers are newer).
  esbuildOptions: { format: "iife" },
});
