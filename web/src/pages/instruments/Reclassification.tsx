// Re-scoring every family of the headquarters with one instrument version:
// a preview (nothing written, no family named), then applying it after a
// confirmation; and the runs applied so far.
import { useEffect, useRef, useState, type Ref } from 'react';
import { Button, Card, DataList, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  applyReclassification,
  previewReclassification,
  type InstrumentSummary,
  type Reclassification,
  type ReclassificationRun,
} from '../../data';
import { errorMessage } from '../../i18n/errors';
import { formatInstantDate } from '../../lib/jalali';
import { formatDigits, formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { ResponsiveList } from '../../components/ResponsiveList';
import { TierBadge } from '../../components/TierBadge';

export function ReclassificationPanel({ instrument, onApplied }: { instrument: InstrumentSummary; onApplied: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Reclassification | null>(null);
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const version = formatDigits(instrument.instrument_version, lang);

  useEffect(() => {
    if (result) heading.current?.focus();
  }, [result]);

  async function preview() {
    setBusy(true);
    setError(null);
    try {
      setResult(await previewReclassification(instrument.id));
    } catch (e) {
      setError(errorMessage(e, t, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="reclassify-title">
      <Stack>
        <Title order={2} size="h3" id="reclassify-title">
          {t('instruments.reclassify.title')}
        </Title>
        <Text size="sm">{t('instruments.reclassify.intro', { version })}</Text>
        <FormAlert message={error} />
        <Group gap="sm">
          <Button variant="light" onClick={() => void preview()} loading={busy}>
            {t('instruments.reclassify.preview')}
          </Button>
          {result && result.run_id === null && (
            <Button onClick={() => setConfirming(true)} disabled={busy}>
              {t('instruments.reclassify.apply')}
            </Button>
          )}
        </Group>
        {result && <ReclassificationResult result={result} headingRef={heading} />}
      </Stack>

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        fullScreen={phone}
        title={t('instruments.reclassify.confirmTitle', { version })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {confirming && result && (
          <ConfirmApply
            instrument={instrument}
            preview={result}
            onCancel={() => setConfirming(false)}
            onDone={(applied) => {
              setConfirming(false);
              setResult(applied);
              notify({ color: 'teal', message: t('instruments.reclassify.applied', { n: formatNumber(applied.families_changed, lang) }) });
              onApplied();
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

function ConfirmApply({
  instrument,
  preview,
  onCancel,
  onDone,
}: {
  instrument: InstrumentSummary;
  preview: Reclassification;
  onCancel: () => void;
  onDone: (applied: Reclassification) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      onDone(await applyReclassification(instrument.id));
    } catch (e) {
      setError(errorMessage(e, t, lang));
      setBusy(false);
    }
  }

  return (
    <Stack>
      <FormAlert message={error} />
      <Text>
        {t('instruments.reclassify.confirm', {
          n: formatNumber(preview.families_changed, lang),
          version: formatDigits(instrument.instrument_version, lang),
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('instruments.reclassify.confirmHint')}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button loading={busy} onClick={() => void confirm()}>
          {t('instruments.reclassify.apply')}
        </Button>
      </Group>
    </Stack>
  );
}

const COUNTS = ['families_scored', 'families_changed', 'families_unscorable', 'kept_by_override'] as const;

export function ReclassificationResult({
  result,
  headingRef,
}: {
  result: Reclassification;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const n = (v: number) => formatNumber(v, lang);
  const applied = result.run_id !== null;

  return (
    <Stack gap="md">
      <Title order={3} size="h4" ref={headingRef} tabIndex={-1}>
        {applied ? t('instruments.reclassify.appliedTitle') : t('instruments.reclassify.previewTitle')}
      </Title>
      <DataList labelWidth="16rem" withDivider aria-label={t('instruments.reclassify.countsLabel')}>
        {COUNTS.map((k) => (
          <DataList.Item key={k}>
            <DataList.ItemLabel>{t(`instruments.reclassify.counts.${k}`)}</DataList.ItemLabel>
            <DataList.ItemValue fw={700}>{n(result[k])}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      {result.families_unscorable > 0 && (
        <Text size="sm" c="dimmed">
          {t('instruments.reclassify.unscorableHint')}
        </Text>
      )}
      {result.kept_by_override > 0 && (
        <Text size="sm" c="dimmed">
          {t('instruments.reclassify.overrideHint')}
        </Text>
      )}

      <Stack gap="xs">
        <Title order={4} size="h5">
          {t('instruments.reclassify.transitions')}
        </Title>
        {result.transitions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('instruments.reclassify.noTransitions')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={300}>
            <Table verticalSpacing={6} striped>
              <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }}>{t('instruments.reclassify.transitionsTable')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('instruments.reclassify.from')}</Table.Th>
                  <Table.Th scope="col">{t('instruments.reclassify.to')}</Table.Th>
                  <Table.Th scope="col">{t('instruments.reclassify.families')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.transitions.map((tr) => (
                  <Table.Tr key={`${tr.from}-${tr.to}`}>
                    <Table.Td>
                      <TierBadge tier={tr.from} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <TierBadge tier={tr.to} size="sm" />
                    </Table.Td>
                    <Table.Td fw={700}>{n(tr.families)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      {result.by_center.length > 0 && (
        <Stack gap="xs">
          <Title order={4} size="h5">
            {t('instruments.reclassify.byCenter')}
          </Title>
          <ResponsiveList
            items={result.by_center}
            itemKey={(c) => c.center_id}
            label={t('instruments.reclassify.byCenter')}
            minWidth={360}
            columns={[
              { header: t('instruments.reclassify.center'), cell: (c) => c.center_name || t('common.none') },
              { header: t('instruments.reclassify.scored'), cell: (c) => n(c.scored) },
              { header: t('instruments.reclassify.changed'), cell: (c) => n(c.changed) },
            ]}
            card={(c) => (
              <Stack gap={2}>
                <Text fw={700}>{c.center_name || t('common.none')}</Text>
                <Text size="sm">
                  {t('instruments.reclassify.scored')}: {n(c.scored)}
                  {t('common.separator')}
                  {t('instruments.reclassify.changed')}: {n(c.changed)}
                </Text>
              </Stack>
            )}
          />
        </Stack>
      )}
    </Stack>
  );
}

/** Applied runs, newest first, with the version each used. */
export function ReclassificationHistory({
  runs,
  versions,
  names,
}: {
  runs: readonly ReclassificationRun[];
  versions: readonly InstrumentSummary[];
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const n = (v: number) => formatNumber(v, lang);
  const versionOf = (r: ReclassificationRun) => {
    const v = versions.find((i) => i.id === r.instrument_id);
    return v ? t('instruments.versionN', { n: formatDigits(v.instrument_version, lang) }) : t('common.none');
  };
  const who = (r: ReclassificationRun) => (r.run_by ? (names.get(r.run_by) ?? t('common.none')) : t('instruments.system'));

  if (runs.length === 0) return <Text c="dimmed">{t('instruments.history.empty')}</Text>;
  return (
    <ResponsiveList
      items={runs}
      itemKey={(r) => r.id}
      label={t('instruments.history.list')}
      minWidth={640}
      columns={[
        { header: t('instruments.history.when'), cell: (r) => formatInstantDate(r.run_at, lang) },
        { header: t('instruments.version'), cell: versionOf },
        { header: t('instruments.history.by'), cell: who },
        { header: t('instruments.reclassify.scored'), cell: (r) => n(r.families_scored) },
        { header: t('instruments.reclassify.changed'), cell: (r) => n(r.families_changed) },
      ]}
      card={(r) => (
        <Stack gap={2}>
          <Text fw={700}>
            {formatInstantDate(r.run_at, lang)}
            {t('common.separator')}
            {versionOf(r)}
          </Text>
          <Text size="sm">{who(r)}</Text>
          <Text size="sm">
            {t('instruments.reclassify.scored')}: {n(r.families_scored)}
            {t('common.separator')}
            {t('instruments.reclassify.changed')}: {n(r.families_changed)}
          </Text>
        </Stack>
      )}
    />
  );
}
