/**
 * The header's theme choice. The stored value sets `data-theme` on <html> (light or dark); with
 * "system" the attribute is removed and the stylesheet follows prefers-color-scheme.
 */
export const themeStorageKey = 'wb-theme';
const themes = ['system', 'light', 'dark'] as const;
type Theme = (typeof themes)[number];

function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(themeStorageKey);
    return themes.includes(value as Theme) ? (value as Theme) : 'system';
  } catch {
    return 'system'; // storage blocked: follow the system
  }
}

function applyTheme(theme: Theme) {
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.dataset.theme = theme;
}

export function installThemeSwitch() {
  for (const select of document.querySelectorAll<HTMLSelectElement>('[data-theme-switch]')) {
    select.value = storedTheme();
    select.addEventListener('change', () => {
      const theme = themes.includes(select.value as Theme) ? (select.value as Theme) : 'system';
      try {
        if (theme === 'system') localStorage.removeItem(themeStorageKey);
        else localStorage.setItem(themeStorageKey, theme);
      } catch {
        // storage blocked: the choice still applies to this page
      }
      applyTheme(theme);
    });
  }
}
