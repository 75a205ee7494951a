"use client";
// The realtime connection as a person should understand it: live, reconnecting, or offline —
// or "off" when the server has no Pusher configured (the chat polls then; see polling.ts).
import { useEffect, useState } from "react";
import { useChat } from "@/lib/client/chat-context";
import { useRealtime } from "./use-channel";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "unavailable" | "offline" | "off";

// When this tab's live connection last went down (ms), while it is down: what came over it (who
// is online) is from then, not now. Null while it is up, or before it ever was.
let lostAt: number | null = null;
export const connectionLostAt = () => lostAt;

export function useConnectionState(): ConnectionState {
  const { realtime } = useChat();
  const [state, setState] = useState<ConnectionState>(realtime.enabled ? "connecting" : "off");

  useEffect(() => {
    if (realtime.enabled) return;
    // Nothing to connect to: only the network can still change what there is to say.
    const apply = () => setState(navigator.onLine ? "off" : "offline");
    apply();
    window.addEventListener("online", apply);
    window.addEventListener("offline", apply);
    return () => {
      window.removeEventListener("online", apply);
      window.removeEventListener("offline", apply);
    };
  }, [realtime.enabled]);

  useRealtime("connection", (pusher) => {
    let wasConnected = false;
    const apply = () => {
      const current = pusher.connection.state;
      if (current === "connected") wasConnected = true;
      const next: ConnectionState = !navigator.onLine
        ? "offline"
        : current === "connected"
          ? "connected"
          : current === "unavailable" || current === "failed"
            ? "unavailable"
            : wasConnected
              ? "reconnecting"
              : "connecting";
      if (next === "connected") lostAt = null;
      else if (wasConnected) lostAt ??= Date.now();
      setState(next);
    };
    apply();
    pusher.connection.bind("state_change", apply);
    window.addEventListener("online", apply);
    window.addEventListener("offline", apply);
    return () => {
      pusher.connection.unbind("state_change", apply);
      window.removeEventListener("online", apply);
      window.removeEventListener("offline", apply);
    };
  });

  return state;
}
