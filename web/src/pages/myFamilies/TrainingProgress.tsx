import { Badge, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MyFamilies } from '../../api/types';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { formatHours } from '../training/hours';

/** Share of `of` that `x` is, as a whole percentage capped at 100. */
export function percentOf(x: number, of: number): number {
  if (of <= 0) return x > 0 ? 100 : 0;
  return Math.min(100, Math.round((x / of) * 100));
}

/** A helper's own training hours and caseload against the program's numbers. */
export function TrainingProgress({ helper, rules }: Pick<MyFamilies, 'helper' | 'rules'>) {
  const { t } = useTranslation();
  const lang = useLang();
  const h = (n: number) => formatHours(n, lang);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="my-training-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={2} size="h4" id="my-training-title">
            {t('myFamilies.training.title')}
          </Title>
          {helper && (
            <Badge variant="light" color={helper.status === 'inactive' ? 'gray' : 'teal'}>
              {t(`helpers.status.${helper.status}`)}
            </Badge>
          )}
        </Group>
        {!helper ? (
          <Text size="sm" c="dimmed">
            {t('myFamilies.training.noHelper')}
          </Text>
        ) : (
          <>
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('myFamilies.training.inService')}
              </Text>
              {(() => {
                const text = t('myFamilies.training.hoursOf', { x: h(helper.in_service_hours), y: h(rules.in_service_hours) });
                return (
                  <>
                    <Progress.Root size="lg" radius="sm">
                      <Progress.Section
                        withAria={false}
                        value={percentOf(helper.in_service_hours, rules.in_service_hours)}
                        color="teal"
                        role="progressbar"
                        aria-label={t('myFamilies.training.inServiceBar')}
                        aria-valuemin={0}
                        aria-valuemax={rules.in_service_hours}
                        aria-valuenow={Math.min(helper.in_service_hours, rules.in_service_hours)}
                        aria-valuetext={text}
                      />
                    </Progress.Root>
                    <Text size="sm">{text}</Text>
                  </>
                );
              })()}
            </Stack>
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {t('myFamilies.training.preService')}
              </Text>
              <Text size="sm" c={helper.pre_service_hours >= rules.pre_service_hours ? 'teal.9' : undefined}>
                {helper.pre_service_hours >= rules.pre_service_hours
                  ? t('myFamilies.training.preServiceDone', { x: h(helper.pre_service_hours) })
                  : t('myFamilies.training.preServiceMissing', { x: h(helper.pre_service_hours), y: h(rules.pre_service_hours) })}
              </Text>
            </Stack>
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {t('myFamilies.training.caseload')}
              </Text>
              <Text size="sm">
                {t('myFamilies.training.caseloadOf', { x: formatNumber(helper.caseload, lang), y: formatNumber(rules.caseload_max, lang) })}
              </Text>
            </Stack>
          </>
        )}
      </Stack>
    </Card>
  );
}
