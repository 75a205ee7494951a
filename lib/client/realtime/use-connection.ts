"use client";
// The realtime connection as a person should understand it: live, reconnecting, or offline —
// or "off" when the server has no Pusher configured (the chat polls then; see polling.ts).
import { useEffect, useState } from "react";
import { useChat } from "@/lib/client/chat-context";
import { useRealtime } from "./use-channel";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "unavailable" | "offline" | "off";

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
      setState(
        !navigator.onLine
          ? "offline"
          : current === "connected"
            ? "connected"
            : current === "unavailable" || current === "failed"
              ? "unavailable"
              : wasConnected
                ? "reconnecting"
                : "connecting",
      );
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
