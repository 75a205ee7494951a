"use client";
// "Read" means seen: a message counts only once at least half of it has been inside the open
// conversation's viewport while the page was visible and focused (docs/architecture.md, "Realtime events").
// The same rule says an edit was seen: the edited message on screen, its edit seq read from the
// element at that moment (an edit that arrives while it is on screen re-renders the list and
// re-runs this).
import { useEffect, useLayoutEffect, useRef, type RefObject } from "react";

export function useReadTracker(
  container: RefObject<HTMLElement | null>,
  onSeen: (seq: number, editsSeen: number[]) => void,
  deps: unknown[],
) {
  const visible = useRef(new Map<number, HTMLElement>());
  const report = useRef(onSeen);
  useLayoutEffect(() => {
    report.current = onSeen;
  });

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const flush = () => {
      if (document.visibilityState !== "visible" || !document.hasFocus()) return;
      let max = 0;
      const edits: number[] = [];
      for (const [seq, el] of visible.current) {
        max = Math.max(max, seq);
        const editSeq = Number(el.dataset.editSeq);
        if (editSeq) edits.push(editSeq);
      }
      if (max > 0) report.current(max, edits);
    };
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const el = entry.target as HTMLElement;
          const seq = Number(el.dataset.seq);
          if (!seq) continue;
          if (entry.isIntersecting && entry.intersectionRatio >= 0.5) visible.current.set(seq, el);
          else visible.current.delete(seq);
        }
        flush();
      },
      { root, threshold: [0, 0.5, 1] },
    );
    for (const el of root.querySelectorAll<HTMLElement>("[data-seq]")) observer.observe(el);
    window.addEventListener("focus", flush);
    document.addEventListener("visibilitychange", flush);
    const seen = visible.current;
    return () => {
      observer.disconnect();
      seen.clear();
      window.removeEventListener("focus", flush);
      document.removeEventListener("visibilitychange", flush);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-observe when the list changes
  }, [container, ...deps]);
}
