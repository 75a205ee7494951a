"use client";

import { useEffect, useRef, useState } from "react";
import { BubbleSkeletons } from "./skeletons";

/**
 * "Load older messages", or a skeleton in its place while they load. One fixed height for both:
 * nothing shifts. Focus returns to the button after a load it started.
 */
export function OlderMessages({ busy, onLoad }: { busy: boolean; onLoad: () => Promise<void> }) {
  const [loading, setLoading] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  useEffect(() => {
    if (loading || !refocus.current) return;
    refocus.current = false;
    button.current?.focus({ preventScroll: true });
  }, [loading]);

  const load = async () => {
    refocus.current = document.activeElement === button.current;
    setLoading(true);
    try {
      await onLoad();
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="flex h-12 items-center justify-center">
      {loading || busy ? (
        <div role="status" className="w-full overflow-hidden">
          <span className="sr-only">Loading older messages…</span>
          <BubbleSkeletons count={1} />
        </div>
      ) : (
        <button
          ref={button}
          type="button"
          onClick={() => void load()}
          className="rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-600 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          Load older messages
        </button>
      )}
    </div>
  );
}
