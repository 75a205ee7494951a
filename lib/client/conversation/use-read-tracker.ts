"use client";
// "Read" means seen: a message counts only once at least half of it has been inside the open
// conversation's viewport while the page was visible and focused (docs/architecture.md, "Realtime events").
import { useEffect, useLayoutEffect, useRef, type RefObject } from "react";

export function useReadTracker(
  container: RefObject<HTMLElement | null>,
  onSeen: (seq: number) => void,
  deps: unknown[],
) {
  const visible = useRef(new Set<number>());
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
      for (const seq of visible.current) max = Math.max(max, seq);
      if (max > 0) report.current(max);
    };
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const seq = Number((entry.target as HTMLElement).dataset.seq);
          if (!seq) continue;
          if (entry.isIntersecting && entry.intersectionRatio >= 0.5) visible.current.add(seq);
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
