import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FamilyStatus } from '../../api/types';

const STATUS_COLOR: Record<FamilyStatus, string> = { active: 'teal', moved_away: 'orange', closed: 'gray' };

export function StatusBadge({ status }: { status: FamilyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light">
      {t(`enums.familyStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}
