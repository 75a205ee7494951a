"use client";
// The realtime connection as a person should understand it: live, reconnecting, or offline —
// or "off" when the server has no Pusher configured (the chat polls then; see polling.ts).
import { useEffect, useState } from "react";
import { connectRealtime } from "./connection";
import { useChat } from "@/lib/client/chat-context";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "unavailable" | "offline" | "off";

export function useConnectionState(): ConnectionState {
  const { realtime } = useChat();
  const [state, setState] = useState<ConnectionState>(realtime.enabled ? "connecting" : "off");

  useEffect(() => {
    if (!realtime.enabled) {
      // Nothing to connect to; only the network can still change what there is to say.
      const apply = () => setState(navigator.onLine ? "off" : "offline");
      apply();
      window.addEventListener("online", apply);
      window.addEventListener("offline", apply);
      return () => {
        window.removeEventListener("online", apply);
        window.removeEventListener("offline", apply);
      };
    }
    let cancelled = false;
    let wasConnected = false;
    let cleanup = () => {};
    const online = () => (navigator.onLine ? null : "offline");
    void connectRealtime(realtime).then((pusher) => {
      if (cancelled) return;
      const apply = (current: string) => {
        if (current === "connected") wasConnected = true;
        const next: ConnectionState =
          online() ??
          (current === "connected"
            ? "connected"
            : current === "unavailable" || current === "failed"
              ? "unavailable"
              : wasConnected
                ? "reconnecting"
                : "connecting");
        setState(next);
      };
      const onChange = ({ current }: { current: string }) => apply(current);
      const onNetwork = () => apply(pusher.connection.state);
      apply(pusher.connection.state);
      pusher.connection.bind("state_change", onChange);
      window.addEventListener("online", onNetwork);
      window.addEventListener("offline", onNetwork);
      cleanup = () => {
        pusher.connection.unbind("state_change", onChange);
        window.removeEventListener("online", onNetwork);
        window.removeEventListener("offline", onNetwork);
      };
    });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [realtime]);

  return state;
}
