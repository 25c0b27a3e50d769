import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Tier } from '../api/types';

/** One color per tier, also for charts and timelines beside the badge. */
export const TIER_COLOR: Record<Tier, string> = { stable: 'teal', at_risk: 'orange', harmed: 'red' };

// Text darker than Mantine's light variant gives orange and red: AA contrast on the tinted background.
const TIER_TEXT: Record<Tier, string | undefined> = { stable: undefined, at_risk: '#8f3604', harmed: '#a51d1d' };

/**
 * A family's (or an assessment's) tier as a colored badge; no tier reads
 * «سطح‌بندی نشده». The text always names the tier: color is never the only sign.
 */
export function TierBadge({ tier, size = 'md' }: { tier: Tier | null | undefined; size?: string }) {
  const { t } = useTranslation();
  if (!tier) {
    return (
      <Badge color="gray" variant="outline" size={size} data-tier="none" c="gray.8">
        {t('assessment.tier.none')}
      </Badge>
    );
  }
  return (
    <Badge color={TIER_COLOR[tier] ?? 'gray'} variant="light" size={size} data-tier={tier} c={TIER_TEXT[tier]}>
      {t(`assessment.tier.${tier}`, { defaultValue: tier })}
    </Badge>
  );
}
