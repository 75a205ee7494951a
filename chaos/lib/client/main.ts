// A client process of the soak: one person's browser (chaos-user.ts), configured by the file
// CHAOS_CLIENT_CONFIG names, answering the orchestrator over IPC until it is closed — or killed.
import { readFileSync } from "node:fs";
import { serve } from "../../../bench/lib/ipc";
import type { ClientConfig, ClientRequest } from "../protocol";
import { ChaosUser } from "./chaos-user";

const config = JSON.parse(readFileSync(process.env.CHAOS_CLIENT_CONFIG!, "utf8")) as ClientConfig;
const user = await ChaosUser.start(config);

serve<ClientRequest>(async (request) => {
  switch (request.type) {
    case "begin":
      user.begin(request.startAt);
      return null;
    case "network":
      user.net.set(!request.down);
      return null;
    case "digest":
      return user.digest();
    case "view":
      return user.view();
    case "stop-typing":
      user.stopTyping();
      return null;
    case "flush":
      user.flush();
      return null;
    case "close":
      user.close();
      setImmediate(() => process.exit(0));
      return null;
  }
});
process.send?.({ ready: true });
