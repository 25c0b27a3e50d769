// A completed course's certificate, laid out for printing (only it prints).
import { digitsFor } from '../families/format';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { getCertificate, useResource } from '../../data';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { LoadState } from '../../components/LoadState';
import { FormAlert } from '../../components/FormAlert';
import { errorMessage } from '../../i18n/errors';

const PRINT_CSS = `
@media print {
  body * { visibility: hidden !important; }
  .program-certificate, .program-certificate * { visibility: visible !important; }
  .program-certificate { position: fixed; inset: 0; padding: 2cm; border: none !important; }
  .no-print { display: none !important; }
}`;

export function Certificate({ registrationId }: { registrationId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const resource = useResource(() => getCertificate(registrationId), [registrationId]);
  const c = resource.data;
  if (resource.error) return <FormAlert message={errorMessage(resource.error, t, lang)} />;
  if (!c) return <LoadState loading={resource.loading} error={resource.error} onRetry={resource.reload} />;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <Stack gap="md">
      <style>{PRINT_CSS}</style>
      <Group justify="flex-end" className="no-print">
        <Button onClick={() => window.print()}>{t('programs.certificate.print')}</Button>
      </Group>
      <Stack
        className="program-certificate"
        gap="lg"
        p="xl"
        style={{ border: '6px double var(--mantine-color-teal-7)', borderRadius: 8, textAlign: 'center', background: 'white' }}
        role="document"
        aria-label={t('programs.certificate.heading')}
      >
        <Text size="sm" c="dimmed">
          {c.center_name}
        </Text>
        <Title order={2} size="h1" c="teal.8">
          {t('programs.certificate.heading')}
        </Title>
        <Text size="xl" fw={700}>
          {c.participant}
        </Text>
        <Text size="lg" lh={2}>
          {t('programs.certificate.body', {
            name: c.participant,
            topic: digitsFor(c.topic, lang),
            kind: t(`programs.kind.${c.kind}`),
            from: formatDate(c.first_day, lang),
            to: formatDate(c.last_day, lang),
            center: digitsFor(c.center_name, lang),
            attended: n(c.attended),
            held: n(c.held),
          })}
        </Text>
        <Group justify="space-between" mt="xl">
          <Text size="sm">{t('programs.certificate.issued', { date: formatDate(c.issued_on, lang) })}</Text>
          <Text size="sm">{t('programs.certificate.signature')}</Text>
        </Group>
      </Stack>
    </Stack>
  );
}
