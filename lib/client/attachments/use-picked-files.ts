"use client";
// The files waiting in the composer for Send: added by the button, a drop or a paste, each
// checked as it comes (a refusal is a toast that says why), removed one by one in the tray. The
// checking code loads on the first pick (a hover or focus on the paperclip starts it), the tray's
// with the first file it shows: a conversation that sends no file never downloads either.
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import type { PublicStorageConfig } from "@/lib/core/attachments";
import { toast } from "@/lib/client/toast";
import type { PickedFile } from "./picked";

export type PickedFiles = ReturnType<typeof usePickedFiles>;

const loadPicking = () => import("./pick-files");
export const preloadPicking = () => void loadPicking().catch(() => {});

export function usePickedFiles(storage: PublicStorageConfig) {
  const [files, setFiles] = useState<PickedFile[]>([]);
  // Picks still being checked: Send waits for them, or a caption typed first would go alone and
  // its files stay behind in the tray (a slow phone measures pictures for a noticeable moment).
  const [checking, setChecking] = useState(0);
  // A pick resolves after renders (pictures are measured): it counts the newest list.
  const latest = useRef(files);
  useLayoutEffect(() => {
    latest.current = files;
  });

  const add = useCallback(
    async (incoming: File[]) => {
      if (incoming.length === 0) return;
      if (!storage.enabled) return toast(storage.reason);
      setChecking((n) => n + 1);
      try {
        const loaded = await loadPicking().catch(() => null);
        if (!loaded) return toast("Couldn't attach the files. Check your connection and try again.");
        const picked = await loaded.pickFiles(incoming, latest.current.length);
        if (picked.length > 0) setFiles((current) => [...current, ...picked]);
      } finally {
        setChecking((n) => n - 1);
      }
    },
    [storage],
  );

  // The composer takes them at Send (setFiles([])) and gives them back if the outbox couldn't
  // keep the message; the tray removes one.
  return { files, setFiles, add, adding: checking > 0 };
}
