"use client";
// A link to a page of the app: a plain <a> that Next's router follows without a page load, the
// page's loading state prefetched once the link is on screen (or pointed at), as next/link does.
// Not next/link itself: on the conversation page that is 2.7 kB of gzipped JavaScript (URL
// objects, legacy behaviour, link status, its own prefetch bookkeeping) for a list of plain links,
// and the page has a budget (bench/lib/budget.ts).
import { useRouter } from "next/navigation";
import { useEffect, useRef, type ComponentProps } from "react";

export function NavLink({ href, ...props }: Omit<ComponentProps<"a">, "href"> & { href: string }) {
  const router = useRouter();
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const observer = new IntersectionObserver(([entry]) => {
      if (!entry?.isIntersecting) return;
      observer.disconnect();
      router.prefetch(href);
    });
    observer.observe(link.current!);
    return () => observer.disconnect();
  }, [router, href]);
  // A prefetch grows stale: pointing at the link asks again (the router skips a fresh one).
  const prefetch = () => router.prefetch(href);
  return (
    <a
      {...props}
      ref={link}
      href={href}
      onPointerEnter={prefetch}
      onFocus={prefetch}
      onClick={(e) => {
        // A new tab or window (a modifier or another button) is the browser's to open.
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        router.push(href);
      }}
    />
  );
}
