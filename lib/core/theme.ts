// The colour theme is a per-device choice kept in a cookie: the server renders <html data-theme>
// from it, so the first paint is already right without an inline script (pages have a nonce CSP).
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";
const COLORS = { light: "#ffffff", dark: "#0b1220" } as const;
const SCHEMES = ["light", "dark"] as const;

export function parseTheme(value: string | undefined): Theme {
  return THEMES.find((t) => t === value) ?? "system";
}

/** The browser chrome's colour per OS scheme: both the same once a theme is chosen. */
export function themeColors(theme: Theme) {
  return SCHEMES.map((scheme) => ({
    media: `(prefers-color-scheme: ${scheme})`,
    color: COLORS[theme === "system" ? scheme : theme],
  }));
}
