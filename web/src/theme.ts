import { createTheme, type CSSVariablesResolver } from '@mantine/core';
import { PRIMARY_SHADE, teal } from './brand';

// Vazirmatn covers Persian and Latin, so both languages use the same face.
const font = "'Vazirmatn Variable', Tahoma, 'Segoe UI', sans-serif";

export const theme = createTheme({
  fontFamily: font,
  headings: { fontFamily: font, fontWeight: '700' },
  colors: { teal },
  primaryColor: 'teal',
  primaryShade: PRIMARY_SHADE,
  defaultRadius: 'md',
});

// Mantine's "dimmed" grey (gray-6) is below AA contrast on white; use gray-7.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
