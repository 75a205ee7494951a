"use client";
// The files waiting in the composer for Send: added by the button, a drop or a paste, each
// checked as it comes (a refusal is a toast that says why), removable one by one.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { PublicStorageConfig } from "@/lib/core/attachments";
import { toast } from "@/lib/client/toast";
import { discard, type PickedFile } from "./picked";

export type PickedFiles = ReturnType<typeof usePickedFiles>;

// The checking code loads on the first pick (a hover or focus on the paperclip starts it).
const loadPicking = () => import("./pick-files");
export const preloadPicking = () => void loadPicking().catch(() => {});

export function usePickedFiles(storage: PublicStorageConfig) {
  const [files, setFiles] = useState<PickedFile[]>([]);
  // Callbacks read the newest list through this ref (they outlive renders).
  const latest = useRef(files);
  useLayoutEffect(() => {
    latest.current = files;
  });

  const add = useCallback(
    async (incoming: File[]) => {
      if (incoming.length === 0) return;
      if (!storage.enabled) return toast(storage.reason);
      const loaded = await loadPicking().catch(() => null);
      if (!loaded) return toast("Couldn't attach the files. Check your connection and try again.");
      const { picked, problems } = await loaded.pickFiles(incoming, latest.current.length);
      for (const problem of problems) toast(problem);
      if (picked.length > 0) setFiles((current) => [...current, ...picked]);
    },
    [storage],
  );

  const remove = useCallback((id: string) => {
    setFiles((current) => {
      discard(current.filter((f) => f.id === id));
      return current.filter((f) => f.id !== id);
    });
  }, []);

  /** Hands the files over (to the outbox, which now owns their previews) and empties the tray. */
  const take = useCallback(() => {
    const taken = latest.current;
    latest.current = [];
    setFiles([]);
    return taken;
  }, []);

  /** The outbox couldn't keep them: back into the tray, nothing lost. */
  const giveBack = useCallback((taken: PickedFile[]) => {
    setFiles((current) => [...taken, ...current]);
  }, []);

  // Leaving the conversation with files still waiting: nothing will show their previews again.
  useEffect(() => () => discard(latest.current), []);

  return { files, add, remove, take, giveBack, enabled: storage.enabled };
}
