// Hamyar's colours, in one place for the Mantine theme (theme.ts), the web
// app manifest (vite.config.ts) and the app icons (scripts/icons.mjs).

// A deeper teal than Mantine's: its light variant (teal-9 text on teal-1) and
// filled buttons reach WCAG AA contrast, which the default palette does not.
export const teal = [
  '#e6f7f5',
  '#cdeeea',
  '#9fdcd5',
  '#6ccac0',
  '#43b9ad',
  '#2aa89c',
  '#1a9488',
  '#0f7f74',
  '#0b6b62',
  '#07564f',
] as const;

/** The shade filled buttons use (the theme's `primaryShade`). */
export const PRIMARY_SHADE = 8;

/** The browser bar and the installed app's colour. */
export const THEME_COLOR: string = teal[PRIMARY_SHADE];
