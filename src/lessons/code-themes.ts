/** Shiki themes for every highlighted block (Markdown fences and `Command`), light and dark. */
export const codeThemes = { light: 'github-light', dark: 'github-dark' } as const;
