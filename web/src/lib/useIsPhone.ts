import { useMediaQuery } from '@mantine/hooks';

/** Below Mantine's `sm` breakpoint: lists become cards, dialogs full screen. */
export function useIsPhone(): boolean {
  return useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
}
