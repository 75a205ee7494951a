import { expect, test } from "./fixtures";
import { ChatExtras } from "./pages/chat-page";
import { startRealtimeServer, stopRealtimeServer } from "./support/realtime-control";

// Runs alone, after the other specs (see playwright.config.ts): it stops the shared realtime server.
test.setTimeout(120_000);

test("the realtime server stops mid-conversation: sends still work, and everything converges when it returns", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));
  await alice.chat.send("before the outage");
  await expect(alice.chat.status("before the outage")).toHaveAttribute("data-status", "read");

  await stopRealtimeServer();
  let stopReplacement: (() => Promise<void>) | undefined;
  try {
    await expect(new ChatExtras(alice.page).connection).not.toHaveAttribute("data-state", "connected", {
      timeout: 30_000,
    });
    // The database is the truth: the send succeeds without realtime, and shows as sent.
    await alice.chat.send("during the outage");
    await expect(alice.chat.status("during the outage")).toHaveAttribute("data-status", "sent");
    await expect(bob.chat.message("during the outage")).toHaveCount(0);

    stopReplacement = await startRealtimeServer();
    // Both sides reconnect, catch up, acknowledge: the message arrives and its status converges.
    await expect(bob.chat.message("during the outage")).toBeVisible({ timeout: 45_000 });
    await expect(alice.chat.status("during the outage")).toHaveAttribute("data-status", "read", {
      timeout: 45_000,
    });
    await expect(new ChatExtras(alice.page).connection).toHaveAttribute("data-state", "connected");
  } finally {
    await stopReplacement?.();
  }
});
