"use client";
// Going to a quoted message: scrolled into view and briefly highlighted; older pages are loaded
// until it is held (up to a bound: a quote a few thousand messages back says so instead).
import { useCallback, type RefObject } from "react";
import { toast } from "@/lib/client/toast";
import { firstConfirmedSeq, type ClientDetail } from "./merge";

const MAX_PAGES = 40;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

export function useJump(latest: RefObject<ClientDetail>, loadOlder: () => Promise<void>) {
  return useCallback(
    async (seq: number) => {
      for (let page = 0; page <= MAX_PAGES; page++) {
        const el = document.querySelector<HTMLElement>(`#messages [data-seq="${seq}"]`);
        if (el) {
          el.scrollIntoView({ block: "center" });
          el.animate(
            [{ backgroundColor: "rgb(47 124 246 / 0.25)" }, { backgroundColor: "transparent" }],
            1600,
          );
          return;
        }
        const first = firstConfirmedSeq(latest.current.messages);
        if (first === undefined || first <= seq) break;
        await loadOlder().catch(() => undefined);
        await nextFrame();
        if (firstConfirmedSeq(latest.current.messages) === first) break;
      }
      toast("That message isn't in this chat any more.", "jump");
    },
    [latest, loadOlder],
  );
}
