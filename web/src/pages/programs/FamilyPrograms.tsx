// The family page's «برنامه‌های گروهی»: the programs its members took part
// in, each member's sessions attended of those held, and who completed.
import { digitsFor } from '../families/format';
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types';
import { familyPrograms, useResource } from '../../data';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { linkProps } from '../../router';
import { LoadState } from '../../components/LoadState';
import { fullName } from '../families/format';

export function FamilyPrograms({ familyId, members }: { familyId: string; members: readonly Member[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const resource = useResource(() => familyPrograms(familyId), [familyId]);
  const names = new Map(members.map((m) => [m.id, fullName(m)]));
  const items = resource.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="family-programs">
      <Stack gap="sm">
        <Title order={2} size="h4" id="family-programs">
          {t('programs.family.title')}
        </Title>
        {!items ? (
          <LoadState loading={resource.loading} error={resource.error} onRetry={resource.reload} />
        ) : items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('programs.family.empty')}
          </Text>
        ) : (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('programs.family.list')}>
            {items.map((fp) => (
              <Stack key={fp.program.id} component="li" gap={4}>
                <Group gap="xs">
                  <Anchor {...linkProps(`/programs/${fp.program.id}`)} fw={600}>
                    {digitsFor(fp.program.topic, lang)}
                  </Anchor>
                  <Badge variant="light" size="sm">
                    {t(`programs.kind.${fp.program.kind}`)}
                  </Badge>
                </Group>
                {fp.member_ids.map((id) => {
                  const name = names.get(id) ?? t('common.none');
                  const n = formatNumber(fp.attended[id] ?? 0, lang);
                  const m = formatNumber(fp.sessions_held, lang);
                  const done = fp.completed.includes(id);
                  return (
                    <Group key={id} gap="xs" aria-label={t('programs.family.attendedLabel', { name, n, m })} role="group">
                      <Text size="sm">{name}:</Text>
                      <Text size="sm" fw={600}>
                        {t('programs.family.attended', { n, m })}
                      </Text>
                      {done && (
                        <Badge color="teal" variant="light" size="sm">
                          ✓ {t('programs.family.completed')}
                        </Badge>
                      )}
                    </Group>
                  );
                })}
              </Stack>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
