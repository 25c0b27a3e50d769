import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Curriculum } from '../../api/types';

/** Pre-service or in-service, in words (color is never the only sign). */
export function CurriculumBadge({ curriculum }: { curriculum: Curriculum }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={curriculum === 'pre_service' ? 'indigo' : 'teal'} style={{ flexShrink: 0 }}>
      {t(`training.curriculum.${curriculum}`)}
    </Badge>
  );
}
