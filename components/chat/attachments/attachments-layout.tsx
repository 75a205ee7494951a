import type { ReactNode } from "react";
import { fitBox } from "@/lib/client/attachments/fit";
import type { ClientMessage } from "@/lib/client/conversation/merge";

type Placed = { id: string; kind: "image" | "file"; width?: number; height?: number };
export type Box = { width: number; height: number };

// One picture takes up to this many pixels a side; several are squares half as big.
const SINGLE = 260;
const THUMB = 124;

/**
 * Where a message's pictures and files go, every box sized from what the message says (pictures
 * carry their pixel size; a file row is 52 px): the same boxes stand while the code that shows
 * them loads (AttachmentsSpace) and once it has, so nothing around them moves.
 */
export function AttachmentsLayout<T extends Placed>({
  list,
  image,
  file,
  children,
}: {
  list: readonly T[];
  image: (a: T, box: Box) => ReactNode;
  file: (a: T) => ReactNode;
  /** Below the files (the upload's progress). */
  children?: ReactNode;
}) {
  const images = list.filter((a) => a.kind === "image");
  const several = images.length > 1;
  return (
    <div data-testid="attachments" className="flex flex-col gap-1.5">
      {images.length > 0 ? (
        <div className={several ? "grid grid-cols-2 gap-1" : ""}>
          {images.map((a) =>
            image(a, several ? { width: THUMB, height: THUMB } : fitBox(a.width, a.height, SINGLE)),
          )}
        </div>
      ) : null}
      {list.filter((a) => a.kind !== "image").map(file)}
      {children}
    </div>
  );
}

/** A message's files before their code has loaded (a message that came live, a queued one): their boxes, empty. */
export function AttachmentsSpace({ message }: { message: ClientMessage }) {
  return (
    <AttachmentsLayout
      list={message.pending ?? message.attachments ?? []}
      image={(a, box) => <div key={a.id} style={box} className="rounded-xl bg-slate-200 dark:bg-slate-700" />}
      file={(a) => <div key={a.id} className="h-13 w-64 max-w-full rounded-xl bg-black/5 dark:bg-black/15" />}
    >
      {message.local === "sending" && message.pending ? <div className="h-1" /> : null}
    </AttachmentsLayout>
  );
}
