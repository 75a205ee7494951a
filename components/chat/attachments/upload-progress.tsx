"use client";

import { useUploadProgress } from "@/lib/client/attachments/progress";

/** How much of a message's files has reached the store, while it is Sending. */
export function UploadProgress({ clientId }: { clientId: string }) {
  const fraction = useUploadProgress(clientId);
  // Its room is kept while the message is Sending, before an upload starts too (nothing moves).
  if (fraction === undefined) return <div className="h-1" />;
  const percent = Math.round(fraction * 100);
  return (
    <div
      role="progressbar"
      aria-label="Uploading"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%`}
      className="h-1 w-full overflow-hidden rounded-full bg-black/15 dark:bg-white/20"
    >
      <div
        className="h-full bg-current transition-[width] motion-reduce:transition-none"
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
