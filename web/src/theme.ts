import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// Vazirmatn covers Persian and Latin, so both languages use the same face.
const font = "'Vazirmatn Variable', Tahoma, 'Segoe UI', sans-serif";

// A deeper teal than Mantine's: its light variant (teal-9 text on teal-1) and
// filled buttons reach WCAG AA contrast, which the default palette does not.
const teal: MantineColorsTuple = [
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
];

export const theme = createTheme({
  fontFamily: font,
  headings: { fontFamily: font, fontWeight: '700' },
  colors: { teal },
  primaryColor: 'teal',
  primaryShade: 8,
  defaultRadius: 'md',
});

// Mantine's "dimmed" grey (gray-6) is below AA contrast on white; use gray-7.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
