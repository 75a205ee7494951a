export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center bg-slate-50 px-4 py-12 dark:bg-slate-950">
      <div className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-6 flex items-center gap-2">
          {/* eslint-disable-next-line @next/next/no-img-element -- a 28 px static SVG */}
          <img src="/icon.svg" alt="" width={28} height={28} />
          <span className="text-xl font-semibold tracking-tight">Ticks</span>
        </div>
        {children}
      </div>
    </main>
  );
}
