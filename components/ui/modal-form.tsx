import type { ReactNode, Ref } from "react";

/** Shared look of text inputs in dialogs and forms. */
export const INPUT_CLASS =
  "rounded-lg border border-slate-300 px-3 py-2 outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 dark:border-slate-700 dark:bg-slate-950";

/**
 * A modal form on the native <dialog>: focus moves in and back, Escape closes it, the backdrop
 * blocks the page — all from the browser, accessibly named by its heading.
 */
export function ModalForm({
  ref,
  id,
  title,
  width,
  onSubmit,
  onClose,
  className,
  children,
}: {
  ref: Ref<HTMLDialogElement>;
  id: string;
  title: string;
  width: string;
  onSubmit: () => void;
  onClose?: () => void;
  className: string;
  children: ReactNode;
}) {
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      style={{ width: `min(${width}, calc(100% - 2rem))` }}
      className="m-auto rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        className={className}
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {children}
      </form>
    </dialog>
  );
}
