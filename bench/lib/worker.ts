// A client process: plays several bench users (each its own session and WebSocket), runs the
// scenario it is given and hands back what it recorded.
import { BenchUser, emptyLog } from "./client";
import { serve } from "./ipc";
import { now, type WorkerRequest, type WorkerStatus } from "./protocol";

let users: BenchUser[] = [];
let log = emptyLog();

serve<WorkerRequest>(async (request) => {
  switch (request.type) {
    case "init": {
      const { users: infos, ...rest } = request;
      // A few at a time: sign-in is CPU work on the server (JWT), no need to stampede it.
      for (let i = 0; i < infos.length; i += 4) {
        const batch = infos.slice(i, i + 4);
        users.push(
          ...(await Promise.all(batch.map((user) => BenchUser.connect({ ...rest, user, log: () => log })))),
        );
      }
      return users.length;
    }
    case "run": {
      const { type: _type, sends, ...options } = request;
      log = emptyLog();
      await Promise.all(
        users.map((u) =>
          u.run(
            options,
            sends.filter((s) => s.userId === u.user.id),
          ),
        ),
      );
      return null;
    }
    case "status":
      return {
        sendsPending: users.reduce((n, u) => n + u.sendsPending, 0),
        acksIdle: users.every((u) => u.idle),
        lastEventAt: Math.max(0, ...users.map((u) => u.lastEventAt)),
        unconfirmed: users.reduce((n, u) => n + u.unconfirmed, 0),
      } satisfies WorkerStatus;
    case "collect": {
      for (const u of users) u.stop();
      const collected = log;
      log = emptyLog();
      return collected;
    }
    case "clock":
      return now();
    case "close":
      for (const u of users) u.close();
      users = [];
      setImmediate(() => process.exit(0));
      return null;
  }
});
