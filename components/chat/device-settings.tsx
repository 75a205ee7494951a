"use client";

import { useState } from "react";
import {
  notificationsEnabled,
  notificationsSupported,
  setNotifications,
} from "@/lib/client/desktop-notifications";
import { parseTheme, THEMES, type Theme } from "@/lib/core/theme";
import { applyTheme } from "@/lib/client/theme";

const THEME_LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/** Settings of this browser rather than the account: they apply at once, without Save. */
export function DeviceSettings() {
  const [theme, setTheme] = useState(() => parseTheme(document.documentElement.dataset.theme));
  const supported = notificationsSupported();
  const [notify, setNotify] = useState(notificationsEnabled);
  const [permission, setPermission] = useState(() => (supported ? Notification.permission : "default"));

  const toggleNotifications = async (on: boolean) => {
    const allowed = await setNotifications(on);
    setPermission(allowed);
    setNotify(on && allowed === "granted");
  };

  return (
    <div className="space-y-4 border-t border-slate-200 pt-4 dark:border-slate-700">
      <p className="text-xs text-slate-500 dark:text-slate-400">On this device, applied at once:</p>
      <fieldset>
        <legend className="text-sm font-medium">Theme</legend>
        <div className="mt-1 flex gap-4">
          {THEMES.map((t) => (
            <label key={t} className="flex items-center gap-1.5 text-sm">
              <input
                type="radio"
                name="theme"
                value={t}
                checked={theme === t}
                onChange={() => {
                  setTheme(t);
                  applyTheme(t);
                }}
                className="accent-brand-600 h-4 w-4"
              />
              {THEME_LABELS[t]}
            </label>
          ))}
        </div>
      </fieldset>
      {supported ? (
        <div className="flex gap-3">
          <input
            id="settings-notifications"
            type="checkbox"
            checked={notify}
            onChange={(e) => void toggleNotifications(e.target.checked)}
            aria-describedby="settings-notifications-help"
            className="accent-brand-600 mt-1 h-4 w-4"
          />
          <div>
            <label htmlFor="settings-notifications" className="text-sm font-medium">
              Desktop notifications
            </label>
            <p id="settings-notifications-help" className="text-xs text-slate-500 dark:text-slate-400">
              {permission === "denied"
                ? "Your browser blocks notifications from Ticks. Allow them in the site settings (the icon beside the address), then turn this on."
                : "New messages from others while Ticks is in the background."}
            </p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
