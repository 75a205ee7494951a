// Scenario 5: what a browser pays to open a conversation — JavaScript bytes on the wire (gzip, as
// `next start` serves them) and the time until the first message is on screen — measured by the
// Debian Chromium through the DevTools protocol, with a cold cache for every load. Also, as a
// Lighthouse-style budget: the layout shift while the page fills in (late content must not move
// what is already on screen), and the same JS figure for the sign-in page — the framework's floor
// (React, the Next.js runtime) that any page pays before a line of our own code.
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../../../e2e/support/chromium";
import { percentile } from "../stats";

export type PageLoad = {
  jsTransferredBytes: number;
  jsBodyBytes: number;
  jsDecodedBytes: number;
  scripts: number;
  allTransferredBytes: number;
  gzip: boolean;
  ttfbMs: number;
  firstMessageMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  /** Cumulative layout shift (layout-shift entries without recent input), as Lighthouse sums it. */
  cls: number;
};

export type PageResult =
  | { skipped: true; reason: string }
  | {
      skipped: false;
      url: string;
      loads: PageLoad[];
      /** Medians over the loads. */
      jsTransferredKb: number;
      jsBodyKb: number;
      firstMessageMs: number;
      /** Median cumulative layout shift of the conversation page loads. */
      cls: number;
      /** JS transferred for /login (signed out): what the framework costs any page. */
      floorJsTransferredKb: number;
      /** Every script of the last load, largest first. */
      scripts: { url: string; transferredBytes: number }[];
    };

declare global {
  interface Window {
    __benchFirstMessage?: number;
    __benchCls?: number;
  }
}

export async function runPageWeight(input: {
  appUrl: string;
  conversationId: string;
  cookie: string;
  loads: number;
}): Promise<PageResult> {
  if (!chromiumLaunchOptions.executablePath) return { skipped: true, reason: "no system Chromium" };
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const url = `${input.appUrl}/conversations/${input.conversationId}`;
    // Unmeasured: the server renders this route for the first time (a cold server is not what
    // users meet); every measured load has a cold browser cache.
    await loadOnce(browser, url, input.appUrl, input.cookie);
    const floor = await loadOnce(browser, `${input.appUrl}/login`, input.appUrl);
    const loads: PageLoad[] = [];
    let scripts: { url: string; transferredBytes: number }[] = [];
    for (let i = 0; i < input.loads; i++) {
      const result = await loadOnce(browser, url, input.appUrl, input.cookie);
      loads.push(result.load);
      scripts = result.scripts.sort((a, b) => b.transferredBytes - a.transferredBytes);
    }
    const median = (pick: (l: PageLoad) => number) =>
      percentile(
        loads.map(pick).sort((a, b) => a - b),
        50,
      );
    return {
      skipped: false,
      url: `/conversations/${input.conversationId}`,
      loads,
      jsTransferredKb: Math.round(median((l) => l.jsTransferredBytes) / 102.4) / 10,
      jsBodyKb: Math.round(median((l) => l.jsBodyBytes) / 102.4) / 10,
      firstMessageMs: Math.round(median((l) => l.firstMessageMs) * 10) / 10,
      cls: Math.round(median((l) => l.cls) * 1000) / 1000,
      floorJsTransferredKb: Math.round(floor.load.jsTransferredBytes / 102.4) / 10,
      scripts: scripts.map((s) => ({ ...s, url: s.url.replace(input.appUrl, "") })),
    };
  } finally {
    await browser.close();
  }
}

type Browser = Awaited<ReturnType<typeof chromium.launch>>;

/** One cold load; with a cookie it is the signed-in conversation page and waits for a message. */
async function loadOnce(browser: Browser, url: string, appUrl: string, cookie?: string) {
  const context = await browser.newContext();
  try {
    const { hostname } = new URL(appUrl);
    if (cookie) {
      await context.addCookies(
        cookie.split("; ").map((pair) => {
          const eq = pair.indexOf("=");
          return { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: hostname, path: "/" };
        }),
      );
    }
    // Marks the moment the first message element enters the DOM (server-rendered or not). A
    // string, not a function: tsx would wrap named functions in a helper the page doesn't have.
    await context.addInitScript(`
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="message"]')) {
          window.__benchFirstMessage = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
      window.__benchCls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__benchCls += e.value;
      }).observe({ type: "layout-shift", buffered: true });`);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    type Entry = {
      url: string;
      type: string;
      headerBytes: number;
      total: number;
      decoded: number;
      gzip: boolean;
    };
    const entries = new Map<string, Entry>();
    cdp.on("Network.responseReceived", (e) => {
      const encoding = Object.entries(e.response.headers).find(
        ([k]) => k.toLowerCase() === "content-encoding",
      )?.[1];
      entries.set(e.requestId, {
        url: e.response.url,
        type: e.type,
        headerBytes: e.response.encodedDataLength,
        total: 0,
        decoded: 0,
        gzip: encoding === "gzip",
      });
    });
    cdp.on("Network.dataReceived", (e) => {
      const entry = entries.get(e.requestId);
      if (entry) entry.decoded += e.dataLength;
    });
    cdp.on("Network.loadingFinished", (e) => {
      const entry = entries.get(e.requestId);
      if (entry) entry.total = e.encodedDataLength;
    });
    await page.goto(url, { waitUntil: "load" });
    if (cookie) await page.locator('[data-testid="message"]').first().waitFor();
    await page.waitForLoadState("networkidle");
    // Late content (fonts, the live connection's first events) has had its chance to move things.
    await page.waitForTimeout(300);
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        ttfb: nav.responseStart,
        dcl: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        first: window.__benchFirstMessage ?? NaN,
        cls: window.__benchCls ?? NaN,
      };
    });
    const scripts = [...entries.values()].filter((e) => e.type === "Script");
    const load: PageLoad = {
      jsTransferredBytes: scripts.reduce((n, s) => n + s.total, 0),
      jsBodyBytes: scripts.reduce((n, s) => n + Math.max(0, s.total - s.headerBytes), 0),
      jsDecodedBytes: scripts.reduce((n, s) => n + s.decoded, 0),
      scripts: scripts.length,
      allTransferredBytes: [...entries.values()].reduce((n, s) => n + s.total, 0),
      gzip: scripts.every((s) => s.gzip),
      ttfbMs: Math.round(timing.ttfb * 10) / 10,
      firstMessageMs: Math.round(timing.first * 10) / 10,
      domContentLoadedMs: Math.round(timing.dcl * 10) / 10,
      loadMs: Math.round(timing.load * 10) / 10,
      cls: timing.cls,
    };
    return { load, scripts: scripts.map((s) => ({ url: s.url, transferredBytes: s.total })) };
  } finally {
    await context.close();
  }
}
