// A referral's status and urgency as badges: each says its state in words
// (colour is never the only sign).
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReferralStatus, Urgency } from '../../api/types';

const STATUS_COLOR: Record<ReferralStatus, string> = {
  sent: 'blue',
  accepted: 'cyan',
  in_progress: 'indigo',
  done: 'teal',
  declined: 'gray',
  withdrawn: 'gray',
};

export function ReferralStatusBadge({ status, size = 'md' }: { status: ReferralStatus; size?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" size={size} data-status={status} style={{ flexShrink: 0 }}>
      {t(`casework.referrals.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

// Darker text than Mantine's light red and orange: AA contrast on the tinted background (as TierBadge).
const URGENCY_STYLE: Record<Urgency, { color: string; text?: string; variant: 'light' | 'outline' }> = {
  urgent: { color: 'red', text: '#a51d1d', variant: 'light' },
  soon: { color: 'orange', text: '#8f3604', variant: 'light' },
  routine: { color: 'gray', text: undefined, variant: 'outline' },
};

export function UrgencyBadge({ urgency, size = 'md' }: { urgency: Urgency; size?: string }) {
  const { t } = useTranslation();
  const s = URGENCY_STYLE[urgency] ?? URGENCY_STYLE.routine;
  return (
    <Badge color={s.color} c={s.text ?? 'gray.8'} variant={s.variant} size={size} data-urgency={urgency} style={{ flexShrink: 0 }}>
      {t(`casework.referrals.urgency.${urgency}`, { defaultValue: urgency })}
    </Badge>
  );
}
