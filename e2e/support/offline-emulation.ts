// Playwright's offline switch (context.setOffline, CDP's Network.emulateNetworkConditions) is not
// carried into a document loaded *while* offline by the Chromium these machines get (Debian's 150
// with Playwright 1.65.1): every request of that document fails, yet its `navigator.onLine` says
// true and no `offline` event ever comes — unlike a real offline browser, and unlike the
// documents that were open when the switch flipped. Specs that reload or navigate offline would
// then test an impossible browser. This keeps the real behaviour: while a Device is offline, a
// flag in the tab's sessionStorage (which survives the reload) makes the new document's
// `navigator.onLine` false from its first script; going online clears it and tells that document.
import type { BrowserContext } from "@playwright/test";

const FLAG = "e2e:offline";

/** Once per context, before its pages load: documents loaded while offline know it. */
export async function keepOfflineInNewDocuments(context: BrowserContext) {
  await context.addInitScript((flag) => {
    const offline = () => {
      try {
        return sessionStorage.getItem(flag) === "1";
      } catch {
        return false; // an opaque origin (about:blank, an error page) has no sessionStorage
      }
    };
    if (!offline()) return;
    const real = Object.getOwnPropertyDescriptor(Navigator.prototype, "onLine")!.get!;
    Object.defineProperty(Navigator.prototype, "onLine", {
      configurable: true,
      get(this: Navigator) {
        return offline() ? false : real.call(this);
      },
    });
    (window as { e2eLoadedOffline?: boolean }).e2eLoadedOffline = true;
  }, FLAG);
}

/** The browser's offline switch, with every open tab's flag set or cleared to match. */
export async function setOffline(context: BrowserContext, offline: boolean) {
  await context.setOffline(offline);
  for (const page of context.pages()) {
    await page
      .evaluate(
        ([flag, off]) => {
          const w = window as { e2eLoadedOffline?: boolean };
          if (off) sessionStorage.setItem(flag, "1");
          else sessionStorage.removeItem(flag);
          // The emulation never told this document it was offline, so it won't tell it it's back.
          if (!off && w.e2eLoadedOffline) {
            delete w.e2eLoadedOffline;
            dispatchEvent(new Event("online"));
          }
        },
        [FLAG, offline] as const,
      )
      .catch(() => {}); // a page mid-navigation or closing: its next document reads the flag
  }
}
