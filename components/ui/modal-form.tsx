import type { ReactNode, Ref } from "react";

/** Shared look of text inputs in dialogs and forms. */
export const INPUT_CLASS =
  "rounded-lg border border-slate-300 px-3 py-2 outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 dark:border-slate-700 dark:bg-slate-950";

/**
 * A modal form on the native <dialog>: focus moves in and back, Escape closes it, the backdrop
 * blocks the page — all from the browser, accessibly named by its heading. It ends with the
 * error (announced) and the Cancel / submit buttons every dialog has.
 */
export function ModalForm({
  ref,
  id,
  title,
  width,
  submitLabel,
  submitDisabled,
  error,
  onSubmit,
  onCancel,
  onClose,
  className,
  children,
}: {
  ref: Ref<HTMLDialogElement>;
  id: string;
  title: string;
  width: string;
  submitLabel: string;
  submitDisabled: boolean;
  error: string | null;
  onSubmit: () => void;
  onCancel: () => void;
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
        {error ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button
            type="button"
            onClick={onCancel}
            className="rounded-full px-3 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
          <button
            type="submit"
            disabled={submitDisabled}
            className="bg-brand-600 hover:bg-brand-700 rounded-full px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          >
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
