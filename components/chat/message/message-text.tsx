import { lazy, Suspense } from "react";

// Links and large emoji need the tokenizer and the emoji rule; most messages are plain text and
// don't. Their code loads with the first message that may need it (server rendering resolves it,
// so the first paint has it), which keeps it out of the page's first JavaScript.
const RichText = lazy(() => import("./rich-text"));
const mayBeRich = (body: string) =>
  /https?:/i.test(body) ||
  (body.length <= 96 && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(body));

/** A message's text, as text nodes; anything long wraps inside the bubble, even an unbroken URL. */
export function MessageText({ body, mine, className }: { body: string; mine: boolean; className: string }) {
  const plain = <div className={`[overflow-wrap:anywhere] whitespace-pre-wrap ${className}`}>{body}</div>;
  if (!mayBeRich(body)) return plain;
  return (
    <Suspense fallback={plain}>
      <RichText
        body={body}
        mine={mine}
        className={`[overflow-wrap:anywhere] whitespace-pre-wrap ${className}`}
      />
    </Suspense>
  );
}
