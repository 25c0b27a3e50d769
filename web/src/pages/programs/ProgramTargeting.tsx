// Whom the target picks: the invitees (register one, all, or two of one
// family as a couple), those left out for a recent program of the same
// topic, the invitation's text to copy, and the list as CSV.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Checkbox, CopyButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Invitee, ProgramDetail } from '../../api/types';
import { getTargeting, invitationsCsvUrl, registerMembers, useResource } from '../../data';
import { errorMessage } from '../../i18n/errors';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { LoadState } from '../../components/LoadState';
import { TierBadge } from '../../components/TierBadge';
import { coupleOk } from './model';

export function ProgramTargeting({ detail, onRegistered }: { detail: ProgramDetail; onRegistered: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const resource = useResource(() => getTargeting(detail.program.id), [detail.program.id]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Invitee[]>([]);
  const data = resource.data;
  if (!data) return <LoadState loading={resource.loading} error={resource.error} onRetry={resource.reload} />;
  const open = data.invitees.filter((i) => !i.registered);
  const n = (v: number) => formatNumber(v, lang);

  async function register(key: string, ids: string[], couple = false) {
    setBusy(key);
    setError(null);
    try {
      const regs = await registerMembers(detail.program.id, ids, couple);
      notify({ color: 'teal', message: t('programs.targeting.registeredN', { n: n(regs.length) }) });
      setPicked([]);
      resource.reload();
      onRegistered();
    } catch (e) {
      setError(errorMessage(e, t, lang));
    } finally {
      setBusy(null);
    }
  }

  const togglePick = (i: Invitee, on: boolean) => setPicked((p) => (on ? [...p.filter((x) => x.member_id !== i.member_id), i].slice(-2) : p.filter((x) => x.member_id !== i.member_id)));

  return (
    <Stack gap="sm">
      <Text>{t('programs.targeting.count', { n: n(data.invitees.length) })}</Text>
      {data.recently_attended > 0 && (
        <Alert color="blue" variant="light" role="note">
          {t('programs.targeting.recently', { n: n(data.recently_attended) })}
        </Alert>
      )}
      <Textarea label={t('programs.targeting.message')} value={data.message} readOnly autosize minRows={3} />
      <Group gap="xs">
        <CopyButton value={data.message}>
          {({ copied, copy }) => (
            <Button
              variant="light"
              color={copied ? 'teal' : undefined}
              onClick={() => {
                copy();
                notify({ color: 'teal', message: t('programs.targeting.copied') });
              }}
            >
              {t('programs.targeting.copy')}
            </Button>
          )}
        </CopyButton>
        <Anchor href={invitationsCsvUrl(detail.program.id)} download>
          {t('programs.targeting.csv')}
        </Anchor>
      </Group>
      <FormAlert message={error} />
      {data.invitees.length === 0 ? (
        <Text c="dimmed">{t('programs.targeting.empty')}</Text>
      ) : (
        <>
          <Group gap="xs">
            {open.length > 0 && (
              <Button loading={busy === 'all'} disabled={busy !== null} onClick={() => void register('all', open.map((i) => i.member_id))}>
                {t('programs.targeting.registerAll', { n: n(open.length) })}
              </Button>
            )}
            <Button
              variant="light"
              disabled={!coupleOk(picked) || busy !== null}
              loading={busy === 'couple'}
              onClick={() => void register('couple', picked.map((i) => i.member_id), true)}
            >
              {t('programs.targeting.couple')}
            </Button>
          </Group>
          <Text size="xs" c={picked.length === 2 && !coupleOk(picked) ? 'red' : 'dimmed'}>
            {picked.length === 2 && !coupleOk(picked) ? t('programs.targeting.sameFamily') : t('programs.targeting.coupleHint')}
          </Text>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('programs.targeting.list')}>
            {data.invitees.map((i) => (
              <Card key={i.member_id} component="li" withBorder padding="sm">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    {!i.registered && (
                      <Checkbox
                        mt={4}
                        aria-label={t('programs.targeting.pick', { name: i.name })}
                        checked={picked.some((p) => p.member_id === i.member_id)}
                        onChange={(e) => togglePick(i, e.currentTarget.checked)}
                      />
                    )}
                    <Stack gap={2}>
                      <Text fw={600} size="sm">
                        {i.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[i.family_name, t(`enums.relation.${i.relation}`), i.age !== null ? t('programs.targeting.age', { n: n(i.age) }) : null, i.neighborhood || null]
                          .filter(Boolean)
                          .join(t('common.separator'))}
                      </Text>
                      <TierBadge tier={i.tier} size="xs" />
                    </Stack>
                  </Group>
                  {i.registered ? (
                    <Badge color="teal" variant="light">
                      ✓ {t('programs.targeting.registered')}
                    </Badge>
                  ) : (
                    <Button
                      size="compact-sm"
                      aria-label={t('programs.targeting.registerOf', { name: i.name })}
                      loading={busy === i.member_id}
                      disabled={busy !== null}
                      onClick={() => void register(i.member_id, [i.member_id])}
                    >
                      {t('programs.targeting.register')}
                    </Button>
                  )}
                </Group>
              </Card>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
