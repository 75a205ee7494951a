// POST /apps/{id}/users/{user_id}/terminate_connections (pusher/docs rest-api.md "Users"): closes
// every connection the user is signed in on. Hosted doesn't document the close code; 4009
// ("Connection is unauthorized", the 4000–4099 "don't reconnect unchanged" range, soketi's choice
// too) makes pusher-js go to `disconnected` and stay there, instead of reconnecting and signing
// in as the same user at once. The app decides whether the user may come back: reconnecting is
// pusher.connect() on the client, and the sign-in that follows is the app's to refuse.
import type { AppState } from "./app-state";
import { HttpError } from "./http-error";
import { ErrorCode } from "./protocol";
import { isValidUserId } from "./signin";

export const TERMINATED_REASON = "Connection terminated by the app (terminate_connections)";

export function terminateUserConnections(app: AppState, userId: string): object {
  if (!isValidUserId(userId)) throw new HttpError(400, `Invalid user id: ${JSON.stringify(userId)}`);
  const connections = [...app.users.connectionsOf(userId)];
  for (const connection of connections)
    connection.close(ErrorCode.CONNECTION_UNAUTHORIZED, TERMINATED_REASON);
  return {};
}
