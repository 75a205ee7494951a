import { formatBytes } from "@/lib/core/attachments";
import { FileIcon } from "./file-icon";

/** A file in a message: its type, name and size, and (once stored) a download link. */
export function FileRow({
  name,
  size,
  contentType,
  href,
}: {
  name: string;
  size: number;
  contentType: string;
  /** Absent while the file is still being sent. */
  href?: string;
}) {
  const body = (
    <>
      <FileIcon contentType={contentType} />
      <span className="min-w-0 flex-1">
        <span className="block truncate leading-5 font-medium">{name}</span>
        <span className="block text-xs leading-4 opacity-90">{formatBytes(size)}</span>
      </span>
      {href ? (
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" className="shrink-0">
          <path
            d="M9 2v10m-4-4l4 4 4-4M3 15h12"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      ) : null}
    </>
  );
  // 52 px high, as AttachmentsSpace reserves it before this code has loaded.
  const look =
    "flex h-13 w-64 max-w-full items-center gap-2 rounded-xl bg-black/5 p-2 text-left dark:bg-black/15";
  if (!href) return <div className={look}>{body}</div>;
  return (
    // A plain link: the store answers it as a download (Content-Disposition: attachment).
    <a
      href={href}
      download={name}
      aria-label={`Download ${name} (${formatBytes(size)})`}
      className={`${look} focus-visible:outline-brand-500 hover:bg-black/10 focus-visible:outline-2 dark:hover:bg-black/25`}
    >
      {body}
    </a>
  );
}
