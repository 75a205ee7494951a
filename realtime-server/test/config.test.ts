// The CLI's environment variables and the options they turn into.
import { describe, expect, it } from "vitest";
import { appSettingsFromEnv, optionsFromEnv, resolveConfig } from "../src/config";

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe("optionsFromEnv", () => {
  it("defaults: the local app (numeric id), client events on, the rest off as hosted", () => {
    const options = optionsFromEnv(env({}));
    expect(options.apps).toEqual([
      {
        id: "100001",
        key: "ticks-local-key",
        secret: "ticks-local-secret",
        enableClientEvents: true,
        enableSubscriptionCount: false,
        enableWatchlistEvents: false,
      },
    ]);
    expect(options.webhookDelay).toBe(3);
  });

  it("reads the app switches, webhook URLs and delay", () => {
    const options = optionsFromEnv(
      env({
        PUSHER_APP_ID: "42",
        REALTIME_CLIENT_EVENTS: "false",
        REALTIME_SUBSCRIPTION_COUNT: "true",
        REALTIME_WATCHLIST_EVENTS: "1",
        REALTIME_AUTHORIZATION_TIMEOUT: "30",
        REALTIME_WEBHOOK_URLS: " http://127.0.0.1:3000/api/pusher/webhooks , https://example.com/hook ",
        REALTIME_WEBHOOK_DELAY: "0",
      }),
    );
    expect(options.apps?.[0]).toMatchObject({
      id: "42",
      enableClientEvents: false,
      enableSubscriptionCount: true,
      enableWatchlistEvents: true,
      authorizationTimeout: 30,
      webhooks: ["http://127.0.0.1:3000/api/pusher/webhooks", "https://example.com/hook"],
    });
    expect(options.webhookDelay).toBe(0);
    expect(resolveConfig(options).apps[0]?.settings.webhooks[0]?.events).toContain("member_removed");
  });

  it("narrows env-configured webhooks to REALTIME_WEBHOOK_EVENTS", () => {
    const settings = appSettingsFromEnv(
      env({
        REALTIME_WEBHOOK_URLS: "http://127.0.0.1:3000/api/pusher/webhooks",
        REALTIME_WEBHOOK_EVENTS: "channel_vacated, channel_occupied",
      }),
    );
    expect(settings.webhooks).toEqual([
      { url: "http://127.0.0.1:3000/api/pusher/webhooks", events: ["channel_vacated", "channel_occupied"] },
    ]);
    expect(() =>
      appSettingsFromEnv(env({ REALTIME_WEBHOOK_URLS: "http://x/", REALTIME_WEBHOOK_EVENTS: "vacated" })),
    ).toThrow(/REALTIME_WEBHOOK_EVENTS/);
  });

  it("names the variable of a bad value", () => {
    expect(() => appSettingsFromEnv(env({ REALTIME_CLIENT_EVENTS: "maybe" }))).toThrow(
      /REALTIME_CLIENT_EVENTS/,
    );
    expect(() => appSettingsFromEnv(env({ REALTIME_WEBHOOK_URLS: "ftp://x" }))).toThrow(
      /REALTIME_WEBHOOK_URLS/,
    );
    expect(() => appSettingsFromEnv(env({ REALTIME_WEBHOOK_URLS: "not a url" }))).toThrow(
      /REALTIME_WEBHOOK_URLS/,
    );
    expect(() => appSettingsFromEnv(env({ REALTIME_AUTHORIZATION_TIMEOUT: "-1" }))).toThrow(
      /REALTIME_AUTHORIZATION_TIMEOUT/,
    );
    expect(() => optionsFromEnv(env({ REALTIME_WEBHOOK_DELAY: "soon" }))).toThrow(/REALTIME_WEBHOOK_DELAY/);
  });

  it("resolveConfig refuses unknown webhook event names and negative delays", () => {
    expect(() =>
      resolveConfig({
        apps: [
          { id: "1", key: "k", secret: "s", webhooks: [{ url: "http://x", events: ["nope" as never] }] },
        ],
      }),
    ).toThrow(/unknown webhook event/);
    expect(() => resolveConfig({ webhookDelay: -1 })).toThrow(/webhookDelay/);
  });
});
