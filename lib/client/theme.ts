// The theme switch in the browser; the choice itself and its colours are lib/core/theme.ts.
import { THEME_COOKIE, themeColors, type Theme } from "@/lib/core/theme";

/** In the browser: switch at once, and remember it for the server's next render (a year). */
export function applyTheme(theme: Theme) {
  document.documentElement.dataset.theme = theme;
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=31536000; samesite=lax`;
  const colors = themeColors(theme);
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const match = colors.find((c) => c.media === meta.media);
    if (match) meta.content = match.color;
  }
}
