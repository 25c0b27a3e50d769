import { useEffect, useState } from 'react';
import { Badge, Box, Button, Popover } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { coversScreen, useSyncStatus, type SyncStatus as Status } from '../../offline';
import { formatNumber, type Lang } from '../../lib/locale';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { SyncPanel } from './SyncPanel';

type Tone = 'teal' | 'yellow' | 'orange' | 'gray';

/** Green when all is sent, yellow with work waiting, orange when something needs the helper, grey offline. */
export function toneOf(s: Status): Tone {
  if (s.state === 'update_required' || s.state === 'signed_out' || s.needsLogin || s.conflicts + s.refusals > 0) return 'orange';
  if (!s.online || s.state === 'offline') return 'gray';
  if (s.pending > 0 || s.lock !== 'open' || s.state === 'failed') return 'yellow';
  return 'teal';
}

/** The one-line summary: what the button says on a wide screen, and its accessible name everywhere. */
export function summaryOf(
  s: Status,
  t: (key: 'sync.syncing' | 'sync.offline' | 'sync.synced' | 'sync.pendingShort' | 'sync.lockedShort', o?: { n: string }) => string,
  lang: Lang,
): string {
  if (s.syncing) return t('sync.syncing');
  if (!s.online || s.state === 'offline') return t('sync.offline');
  if (s.pending > 0) return t('sync.pendingShort', { n: formatNumber(s.pending, lang) });
  if (s.lock !== 'open' || s.needsLogin) return t('sync.lockedShort');
  return t('sync.synced');
}

/** The header's sync status for helpers, opening the panel. Phone-first: on a phone only a dot and a count. */
export function SyncStatus({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const s = useSyncStatus();
  const [opened, setOpened] = useState(false);
  // A lock closes the panel: nothing of it may show above the lock screen.
  const locked = coversScreen(s.lock);
  useEffect(() => {
    if (locked) setOpened(false);
  }, [locked]);
  if (!s.active) return null;

  const tone = toneOf(s);
  const summary = summaryOf(s, t, lang);
  const problems = s.conflicts + s.refusals;
  const label = problems > 0 ? `${summary}${t('common.separator')}${t('sync.problemsShort', { n: formatNumber(problems, lang) })}` : summary;

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withArrow trapFocus returnFocus>
      <Popover.Target>
        <Button
          // Neutral: the dot carries the colour, the text stays dark (a yellow text would fail contrast).
          variant="default"
          size="compact-md"
          px={phone ? 8 : undefined}
          onClick={() => setOpened((o) => !o)}
          aria-label={`${t('sync.status')}: ${label}`}
          aria-haspopup="dialog"
          aria-expanded={opened}
          leftSection={<Dot tone={tone} />}
          rightSection={
            problems > 0 ? (
              <Badge size="sm" circle color="orange" aria-hidden>
                {formatNumber(problems, lang)}
              </Badge>
            ) : undefined
          }
        >
          {phone ? (s.pending > 0 ? formatNumber(s.pending, lang) : null) : summary}
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw="calc(100vw - 16px)">
        <SyncPanel me={me} status={s} />
      </Popover.Dropdown>
    </Popover>
  );
}

function Dot({ tone }: { tone: Tone }) {
  return <Box component="span" aria-hidden w={10} h={10} style={{ borderRadius: '50%', background: `var(--mantine-color-${tone}-${tone === 'gray' ? 6 : 7})`, display: 'inline-block' }} />;
}
