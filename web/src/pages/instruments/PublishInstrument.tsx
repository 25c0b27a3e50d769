// Publishing a new instrument version: pick a .toml file or paste its text,
// check it (every problem with its line), then publish what was checked.
import { useEffect, useRef, useState } from 'react';
import { Button, Card, FileInput, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { checkInstrument, INSTRUMENT_LIMIT_BYTES, publishInstrument, type InstrumentCheck, type InstrumentSummary } from '../../data';
import { errorMessage } from '../../i18n/errors';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { CheckResult } from './CheckResult';

const ACCEPT = '.toml,application/toml,text/plain';
/** Names of the format and of the file's version key: the same in both languages. */
const NAMES = { toml: 'TOML', key: 'version' } as const;

/** The offset where 1-based `line` starts in `text`, and where it ends. */
export function lineRange(text: string, line: number): [number, number] {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return [text.length, text.length];
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}

export function PublishInstrument({ onPublished }: { onPublished: (published: InstrumentSummary) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'publish' | null>(null);
  // The check of exactly this text: any edit makes it stale.
  const [checked, setChecked] = useState<{ source: string; result: InstrumentCheck } | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (checked) result.current?.focus();
  }, [checked]);

  function edit(next: string) {
    setSource(next);
    setSourceError(null);
    setFormError(null);
    setChecked(null);
  }

  async function chooseFile(next: File | null) {
    setFile(next);
    setFileError(null);
    if (!next) return;
    if (next.size > INSTRUMENT_LIMIT_BYTES) {
      setFileError(t('instruments.publish.tooLarge'));
      return;
    }
    try {
      edit(await next.text());
    } catch {
      setFileError(t('instruments.publish.unreadable'));
    }
  }

  function sizeOk(text: string): boolean {
    if (new Blob([text]).size <= INSTRUMENT_LIMIT_BYTES) return true;
    setSourceError(t('instruments.publish.tooLarge'));
    return false;
  }

  async function check() {
    if (!source.trim()) {
      setSourceError(t('instruments.publish.sourceRequired'));
      return;
    }
    if (!sizeOk(source)) return;
    setBusy('check');
    setFormError(null);
    try {
      setChecked({ source, result: await checkInstrument(source) });
    } catch (e) {
      setFormError(errorMessage(e, t, lang));
    } finally {
      setBusy(null);
    }
  }

  async function publish() {
    if (!checked?.result.valid || checked.source !== source) return;
    setBusy('publish');
    setFormError(null);
    try {
      onPublished(await publishInstrument(source));
    } catch (e) {
      setFormError(errorMessage(e, t, lang));
      // The server found problems the check did not (another server version): show them.
      if (e instanceof ApiError && e.code === 'instrument_invalid') {
        try {
          setChecked({ source, result: await checkInstrument(source) });
        } catch {
          // The message above says enough.
        }
      }
    } finally {
      setBusy(null);
    }
  }

  function goToLine(line: number) {
    const area = editor.current;
    if (!area) return;
    const [start, end] = lineRange(area.value, line);
    area.focus();
    area.setSelectionRange(start, end);
    // Bring the line into view: the caret's line at a third of the box.
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 1) * lineHeight - area.clientHeight / 3);
  }

  const current = checked && checked.source === source ? checked.result : null;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="publish-title">
      <Stack>
        <Title order={2} size="h3" id="publish-title">
          {t('instruments.publish.title')}
        </Title>
        <Text size="sm">{t('instruments.publish.intro', NAMES)}</Text>
        <FormAlert message={formError} />
        <FileInput
          label={t('instruments.publish.file')}
          description={t('instruments.publish.fileHint', NAMES)}
          placeholder={t('instruments.publish.filePlaceholder')}
          // Mantine's placeholder grey is below AA contrast.
          styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
          accept={ACCEPT}
          value={file}
          onChange={(f) => void chooseFile(f)}
          error={fileError}
          disabled={busy !== null}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
        <Textarea
          ref={editor}
          label={t('instruments.publish.source')}
          description={t('instruments.publish.sourceHint')}
          value={source}
          onChange={(e) => edit(e.currentTarget.value)}
          error={sourceError}
          disabled={busy !== null}
          rows={14}
          resize="vertical"
          spellCheck={false}
          autoComplete="off"
          dir="ltr"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } }}
        />
        <Group gap="sm">
          <Button variant="light" onClick={() => void check()} loading={busy === 'check'} disabled={busy === 'publish'}>
            {t('instruments.publish.check')}
          </Button>
          {current?.valid && (
            <Button onClick={() => void publish()} loading={busy === 'publish'} disabled={busy === 'check'}>
              {t('instruments.publish.publish')}
            </Button>
          )}
        </Group>
        {current && (
          <div ref={result} tabIndex={-1}>
            <CheckResult check={current} onLine={goToLine} />
          </div>
        )}
      </Stack>
    </Card>
  );
}
