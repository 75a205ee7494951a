/** A placeholder block the shape of what's coming; it pulses unless motion is reduced. */
export function Bone({ className }: { className: string }) {
  return (
    <span
      aria-hidden="true"
      className={`block animate-pulse bg-slate-200 motion-reduce:animate-none dark:bg-slate-800 ${className}`}
    />
  );
}
