import { afterEach, describe, expect, it } from "vitest";
import { cleanup, connectedClient, serverSdk, startServer, subscribed, withTimeout } from "./helpers";

afterEach(cleanup);

const CONNECTIONS = 300;
const CHANNELS = 30; // 10 subscribers each
const BATCH = 10; // Pusher's maximum
const BATCHES = 300; // 3000 events in all, 100 per channel
const LANES = CHANNELS / BATCH; // batch i addresses the 10 channels of lane i % LANES

describe("under load", () => {
  it(`${CONNECTIONS} connections receive ${BATCH * BATCHES} batch-triggered events exactly once, in order`, async () => {
    const server = await startServer();
    const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => connectedClient(server)));

    const perChannel = BATCHES / LANES;
    const received: number[][] = clients.map(() => []);
    const expectedTotal = CONNECTIONS * perChannel;
    let total = 0;
    let allArrived!: () => void;
    const done = new Promise<void>((resolve) => (allArrived = resolve));
    await Promise.all(
      clients.map(async (client, i) => {
        const channel = await subscribed(client, `private-load-${i % CHANNELS}`);
        channel.bind("tick", ({ seq }: { seq: number }) => {
          received[i]?.push(seq);
          if (++total === expectedTotal) allArrived();
        });
      }),
    );
    expect(server.stats()).toMatchObject({ connections: CONNECTIONS, channels: CHANNELS });

    // Lanes publish concurrently; within a lane requests are sequential, and each channel belongs
    // to one lane, so every channel's events have a defined order to check.
    const sdk = serverSdk(server);
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        for (let seq = 0; seq < perChannel; seq++) {
          const batch = Array.from({ length: BATCH }, (_, c) => ({
            channel: `private-load-${lane * BATCH + c}`,
            name: "tick",
            data: { seq },
          }));
          const res = await sdk.triggerBatch(batch);
          expect(res.status).toBe(200);
        }
      }),
    );
    await withTimeout(done, 45_000, `${expectedTotal} deliveries`).catch((error: Error) => {
      throw new Error(`${error.message} (got ${total})`);
    });

    const inOrder = Array.from({ length: perChannel }, (_, seq) => seq);
    for (const seqs of received) expect(seqs).toEqual(inOrder);
    expect(server.stats()).toMatchObject({ eventsPublished: BATCH * BATCHES, messagesSent: expectedTotal });
  }, 60_000);
});
