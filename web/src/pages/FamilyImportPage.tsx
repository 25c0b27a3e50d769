// Importing a list of families from a CSV or XLSX file: check it first
// (nothing saved), read the report, then import.
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  DataList,
  FileInput,
  Group,
  List,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { importFamilies, type ImportRowError, type ImportSummary } from '../data';
import { cleanInput } from '../lib/digits';
import { saveBlob } from '../lib/download';
import { formatDigits, formatNumber } from '../lib/locale';
import { notify } from '../lib/notify';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps } from '../router';
import { FormAlert } from '../components/FormAlert';
import { Pager } from '../components/Pager';
import { ResponsiveList } from '../components/ResponsiveList';
import { familiesListPath } from './families/listState';
import {
  FORMAT_NAMES,
  IMPORT_COLUMNS,
  columnLabel,
  fileProblem,
  fileProblemText,
  importFailure,
  reasonOf,
  reportCsv,
  sampleCsv,
  sourceFromFileName,
  summaryItems,
  wouldWrite,
} from './families/importReport';

/** Errors shown per page of the report: a list of thousands would choke a cheap phone. */
const REPORT_PAGE_SIZE = 50;

const ACCEPT = '.csv,.xlsx,.txt,.tsv,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Outcome {
  summary: ImportSummary;
  source: string;
}

export function FamilyImportPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('import.title'));
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  // The source as last filled in from a file's name: replaced by the next file's, unless the person edited it.
  const autoSource = useRef('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'dry' | 'run' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  // A new result: take the reader (and a screen reader) to it.
  useEffect(() => {
    if (outcome) resultHeading.current?.focus();
  }, [outcome]);

  function chooseFile(next: File | null) {
    setFile(next);
    // What was checked belongs to the file before.
    setOutcome(null);
    setFormError(null);
    const problem = next ? fileProblem(next) : null;
    setFileError(problem ? fileProblemText(problem, t) : null);
    if (next && (source.trim() === '' || source === autoSource.current)) {
      const name = sourceFromFileName(next.name);
      autoSource.current = name;
      setSource(name);
      setSourceError(null);
    }
  }

  async function run(dryRun: boolean) {
    const src = cleanInput(source);
    const problem = file ? fileProblem(file) : null;
    const noFile = file ? null : t('import.fileRequired');
    setFileError(noFile ?? (problem ? fileProblemText(problem, t) : null));
    setSourceError(src ? null : t('common.required'));
    if (!file || problem || !src) return;
    setBusy(dryRun ? 'dry' : 'run');
    setFormError(null);
    try {
      const summary = await importFamilies(file, { source: src, dryRun });
      setOutcome({ summary, source: src });
      if (!dryRun && wouldWrite(summary)) notify({ color: 'teal', message: t('import.done', { source: src }) });
    } catch (e) {
      setOutcome(null);
      const failure = importFailure(e, t, lang);
      if (failure.field === 'file') setFileError(failure.message);
      else if (failure.field === 'source') setSourceError(failure.message);
      else setFormError(failure.message);
    } finally {
      setBusy(null);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void run(false);
  }

  return (
    <Stack gap="lg">
      <Anchor {...linkProps(familiesListPath())} size="sm">
        {t('family.backToList')}
      </Anchor>
      <Title order={1} size="h2">
        {t('import.title')}
      </Title>
      <Text>{t('import.intro', FORMAT_NAMES)}</Text>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="lg">
        <Card withBorder padding="md" component="form" onSubmit={onSubmit} aria-label={t('import.form')} noValidate>
          <Stack>
            <FormAlert message={formError} />
            <FileInput
              label={t('import.file')}
              description={t('import.fileHint', FORMAT_NAMES)}
              placeholder={t('import.filePlaceholder')}
              accept={ACCEPT}
              value={file}
              onChange={chooseFile}
              error={fileError}
              disabled={busy !== null}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              withAsterisk
            />
            <TextInput
              label={t('import.source')}
              description={t('import.sourceHint')}
              placeholder={t('import.sourcePlaceholder')}
              value={source}
              onChange={(e) => {
                setSource(e.currentTarget.value);
                setSourceError(null);
                setOutcome(null);
              }}
              error={sourceError}
              disabled={busy !== null}
              withAsterisk
              autoComplete="off"
            />
            <Group gap="sm">
              <Button variant="light" onClick={() => void run(true)} loading={busy === 'dry'} disabled={busy === 'run'}>
                {t('import.dryRun')}
              </Button>
              <Button type="submit" loading={busy === 'run'} disabled={busy === 'dry'}>
                {t('import.run')}
              </Button>
            </Group>
          </Stack>
        </Card>
        <ImportHelp />
      </SimpleGrid>

      {busy && (
        <Stack gap={6} role="status">
          <Text>{t('import.busy')}</Text>
          {/* No byte count to show: the bar says "working", the line above says what. */}
          <Progress value={100} striped animated aria-hidden />
        </Stack>
      )}

      {outcome && !busy && (
        <ImportResult
          outcome={outcome}
          headingRef={resultHeading}
          onRunNow={() => void run(false)}
        />
      )}
    </Stack>
  );
}

function ImportResult({ outcome, headingRef, onRunNow }: { outcome: Outcome; headingRef: RefObject<HTMLHeadingElement | null>; onRunNow: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { summary } = outcome;
  const [page, setPage] = useState(1);
  const errors = summary.errors;
  const pages = Math.max(1, Math.ceil(errors.length / REPORT_PAGE_SIZE));
  const shown = errors.slice((page - 1) * REPORT_PAGE_SIZE, page * REPORT_PAGE_SIZE).map((e, i) => ({ e, key: `${(page - 1) * REPORT_PAGE_SIZE + i}` }));
  const writes = wouldWrite(summary);
  const reportTop = useRef<HTMLDivElement>(null);

  function downloadReport() {
    const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    saveBlob(new Blob([reportCsv(errors)], { type: 'text/csv;charset=utf-8' }), `import-report-${stamp}.csv`);
  }

  const rowText = (e: ImportRowError) => formatDigits(e.row, lang);
  const valueText = (e: ImportRowError) => (e.value ? <bdi>{e.value}</bdi> : t('common.none'));

  return (
    <Stack gap="md">
      <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
        {summary.dry_run ? t('import.dryRunTitle') : t('import.doneTitle')}
      </Title>
      <Card withBorder padding="md">
        <DataList labelWidth="12rem" withDivider>
          {summaryItems(summary, lang).map((item) => (
            <DataList.Item key={item.key}>
              <DataList.ItemLabel>{t(`import.counts.${item.key}`)}</DataList.ItemLabel>
              <DataList.ItemValue fw={700} c={item.count > 0 && (item.key === 'families_rejected' || item.key === 'rows_rejected') ? 'red.8' : undefined}>
                {item.value}
              </DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      </Card>

      {summary.families_rejected > 0 && (
        <Alert color="yellow" variant="light">
          {t('import.wholeHousehold')}
        </Alert>
      )}
      {summary.dry_run && !writes && <Text c="dimmed">{t('import.nothingToWrite')}</Text>}
      <Group gap="sm">
        {summary.dry_run && writes && <Button onClick={onRunNow}>{t('import.runNow')}</Button>}
        {!summary.dry_run && (
          <Button component="a" variant="light" {...linkProps(familiesListPath())}>
            {t('import.viewFamilies')}
          </Button>
        )}
      </Group>

      {errors.length > 0 && (
        <Stack gap="sm">
          <div ref={reportTop} />
          <Group justify="space-between" align="flex-end">
            <Stack gap={0}>
              <Title order={3} size="h4">
                {t('import.report')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('import.reportCount', { n: formatNumber(errors.length, lang) })}
              </Text>
            </Stack>
            <Button variant="default" onClick={downloadReport}>
              {t('import.downloadReport', FORMAT_NAMES)}
            </Button>
          </Group>
          <ResponsiveList
            items={shown}
            itemKey={(x) => x.key}
            label={t('import.report')}
            minWidth={640}
            columns={[
              { header: t('import.row'), cell: (x) => rowText(x.e) },
              { header: t('import.column'), cell: (x) => columnLabel(x.e.column, t) },
              { header: t('import.value'), cell: (x) => valueText(x.e) },
              { header: t('import.reason'), cell: (x) => reasonOf(x.e, lang) },
            ]}
            card={(x) => (
              <Stack gap={2}>
                <Text fw={600}>
                  {t('import.rowN', { n: rowText(x.e) })}
                  {t('common.separator')}
                  {columnLabel(x.e.column, t)}
                </Text>
                <Text size="sm">
                  {t('import.value')}: {valueText(x.e)}
                </Text>
                <Text size="sm">{reasonOf(x.e, lang)}</Text>
              </Stack>
            )}
          />
          <Pager
            page={page}
            pages={pages}
            label={t('import.reportPages')}
            onChange={(p) => {
              setPage(p);
              reportTop.current?.scrollIntoView({ block: 'start' });
            }}
          />
        </Stack>
      )}
    </Stack>
  );
}

/** The columns a file may have, the dates it may write, and a sample to start from. */
function ImportHelp() {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="import-help-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="import-help-title">
          {t('import.help.title')}
        </Title>
        <Text size="sm">{t('import.help.intro')}</Text>
        <Table.ScrollContainer minWidth={280}>
          <Table striped verticalSpacing={4} fz="sm" aria-label={t('import.help.columns')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.help.persian')}</Table.Th>
                <Table.Th>{t('import.help.english')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('import.help.required')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {IMPORT_COLUMNS.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Td lang="fa">{c.fa}</Table.Td>
                  <Table.Td>
                    <Code dir="ltr">{c.key}</Code>
                  </Table.Td>
                  <Table.Td>
                    {c.required && (
                      <Text span size="xs" fw={600} c="teal.9">
                        {t('import.help.required')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <List size="sm" spacing={4}>
          <List.Item>{t('import.help.dates')}</List.Item>
          <List.Item>{t('import.help.values')}</List.Item>
          <List.Item>{t('import.help.extra')}</List.Item>
        </List>
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => saveBlob(new Blob([sampleCsv()], { type: 'text/csv;charset=utf-8' }), 'hamyar-import-sample.csv')}
          >
            {t('import.help.sample')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
