// Who registered: attendance so far, completion, couples and walk-ins;
// managers register a walk-in, take a registration back, link a walk-in to
// the registry's member they turned out to be, and open certificates.
import { useState, type FormEvent } from 'react';
import { Badge, Button, Card, Group, Modal, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Family, ProgramDetail, ProgramParticipant, Sex } from '../../api/types';
import { getFamily, linkWalkIn, listFamilies, registerWalkIn, unregister } from '../../data';
import { errorMessage } from '../../i18n/errors';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { TierBadge } from '../../components/TierBadge';
import { fullName } from '../families/format';
import { parseCount, SEXES } from './model';

type Dialog = { kind: 'walkIn' } | { kind: 'unregister'; p: ProgramParticipant } | { kind: 'link'; p: ProgramParticipant } | null;

export function ProgramParticipants({
  detail,
  onChanged,
  onCertificate,
}: {
  detail: ProgramDetail;
  onChanged: () => void;
  onCertificate: (p: ProgramParticipant) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [dialog, setDialog] = useState<Dialog>(null);
  const participants = detail.participants ?? [];
  const held = detail.report?.sessions_held ?? 0;
  const close = () => setDialog(null);
  const n = (v: number) => formatNumber(v, lang);
  const title =
    dialog?.kind === 'walkIn'
      ? t('programs.participants.walkInTitle')
      : dialog?.kind === 'unregister'
        ? t('programs.participants.unregisterOf', { name: dialog.p.name })
        : dialog?.kind === 'link'
          ? t('programs.participants.linkTitle', { name: dialog.p.name })
          : '';
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text>{t('programs.participants.count', { n: n(participants.length) })}</Text>
        <Button variant="light" onClick={() => setDialog({ kind: 'walkIn' })}>
          {t('programs.participants.walkInAdd')}
        </Button>
      </Group>
      {participants.length === 0 ? (
        <Text c="dimmed">{t('programs.participants.empty')}</Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('programs.participants.list')}>
          {participants.map((p) => (
            <Card key={p.registration.id} component="li" withBorder padding="sm">
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={2}>
                    <Text fw={600} size="sm">
                      {p.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[p.family_name, p.neighborhood || null].filter(Boolean).join(t('common.separator'))}
                    </Text>
                  </Stack>
                  <Group gap={4}>
                    {p.walk_in ? (
                      <Badge variant="outline" color="gray" c="gray.8">
                        {t('programs.participants.walkIn')}
                      </Badge>
                    ) : (
                      <TierBadge tier={p.tier} size="sm" />
                    )}
                    {p.registration.partner_id && (
                      <Badge variant="light" color="grape">
                        {t('programs.participants.partner')}
                      </Badge>
                    )}
                  </Group>
                </Group>
                <Group gap="xs">
                  <Text size="sm">{t('programs.participants.attended', { n: n(p.attended), m: n(held) })}</Text>
                  {p.completed && (
                    <Badge color="teal" variant="light">
                      ✓ {t('programs.participants.completed')}
                    </Badge>
                  )}
                </Group>
                <Group gap="xs">
                  {p.completed && detail.program.is_course && (
                    <Button size="compact-sm" variant="light" aria-label={t('programs.participants.certificateOf', { name: p.name })} onClick={() => onCertificate(p)}>
                      {t('programs.participants.certificate')}
                    </Button>
                  )}
                  {p.walk_in && !p.walk_in.member_id && (
                    <Button size="compact-sm" variant="default" aria-label={t('programs.participants.linkOf', { name: p.name })} onClick={() => setDialog({ kind: 'link', p })}>
                      {t('programs.participants.link')}
                    </Button>
                  )}
                  <Button size="compact-sm" variant="subtle" color="red" aria-label={t('programs.participants.unregisterOf', { name: p.name })} onClick={() => setDialog({ kind: 'unregister', p })}>
                    {t('programs.participants.unregister')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      <Modal opened={dialog !== null} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {dialog?.kind === 'walkIn' && (
          <WalkInForm
            programId={detail.program.id}
            onCancel={close}
            onDone={(name) => {
              close();
              onChanged();
              notify({ color: 'teal', message: t('programs.participants.walkInDone', { name }) });
            }}
          />
        )}
        {dialog?.kind === 'unregister' && (
          <Unregister
            p={dialog.p}
            onCancel={close}
            onDone={() => {
              close();
              onChanged();
              notify({ color: 'teal', message: t('programs.participants.unregistered', { name: dialog.p.name }) });
            }}
          />
        )}
        {dialog?.kind === 'link' && (
          <LinkWalkIn
            p={dialog.p}
            onCancel={close}
            onDone={() => {
              close();
              onChanged();
              notify({ color: 'teal', message: t('programs.participants.linked', { name: dialog.p.name }) });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

export function WalkInForm({ programId, onCancel, onDone }: { programId: string; onCancel: () => void; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [mobile, setMobile] = useState('');
  const [sex, setSex] = useState<Sex>('female');
  const [year, setYear] = useState('');
  const [hood, setHood] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const y = parseCount(year);
    if (!first.trim()) fields.first_name = t('programs.errors.name');
    if (y === false) fields.birth_year = t('programs.errors.number');
    setErrors(fields);
    if (Object.keys(fields).length > 0) return;
    setBusy(true);
    setFormError(null);
    try {
      await registerWalkIn(programId, { first_name: first.trim(), last_name: last.trim(), mobile: mobile.trim(), sex, birth_year: y || null, neighborhood: hood.trim() });
      onDone(`${first.trim()} ${last.trim()}`.trim());
    } catch (err) {
      setFormError(errorMessage(err, t, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormAlert message={formError} />
        <TextInput label={t('programs.participants.first_name')} required value={first} onChange={(e) => setFirst(e.currentTarget.value)} error={errors.first_name} />
        <TextInput label={t('programs.participants.last_name')} value={last} onChange={(e) => setLast(e.currentTarget.value)} />
        <Radio.Group label={t('programs.participants.sex')} value={sex} onChange={(v) => setSex(v as Sex)}>
          <Group gap="md" mt={4}>
            {SEXES.map((s) => (
              <Radio key={s} value={s} label={t(`enums.sex.${s}`)} />
            ))}
          </Group>
        </Radio.Group>
        <TextInput label={t('programs.participants.mobile')} value={mobile} onChange={(e) => setMobile(e.currentTarget.value)} inputMode="tel" dir="ltr" />
        <TextInput label={t('programs.participants.birth_year')} value={year} onChange={(e) => setYear(e.currentTarget.value)} inputMode="numeric" error={errors.birth_year} />
        <TextInput label={t('programs.participants.neighborhood')} value={hood} onChange={(e) => setHood(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Unregister({ p, onCancel, onDone }: { p: ProgramParticipant; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Stack>
      <Text>{t('programs.participants.unregisterConfirm', { name: p.name })}</Text>
      <FormAlert message={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button
          color="red"
          loading={busy}
          onClick={() => {
            setBusy(true);
            unregister(p.registration.id, p.registration.version).then(onDone, (e: unknown) => {
              setError(errorMessage(e, t, lang));
              setBusy(false);
            });
          }}
        >
          {t('programs.participants.unregister')}
        </Button>
      </Group>
    </Stack>
  );
}

function LinkWalkIn({ p, onCancel, onDone }: { p: ProgramParticipant; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [q, setQ] = useState(p.walk_in ? `${p.walk_in.first_name} ${p.walk_in.last_name}`.trim() : '');
  const [families, setFamilies] = useState<Family[] | null>(null);
  const [familyId, setFamilyId] = useState<string | null>(null);
  const [members, setMembers] = useState<{ value: string; label: string }[]>([]);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function search(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      setFamilies((await listFamilies({ q: q.trim(), pageSize: 20 })).items);
    } catch (err) {
      setError(errorMessage(err, t, lang));
    }
  }

  async function pickFamily(id: string | null) {
    setFamilyId(id);
    setMemberId(null);
    setMembers([]);
    if (!id) return;
    try {
      const f = await getFamily(id);
      setMembers(f.members.map((m) => ({ value: m.id, label: fullName(m) })));
    } catch (err) {
      setError(errorMessage(err, t, lang));
    }
  }

  return (
    <Stack>
      <FormAlert message={error} />
      <form onSubmit={(e) => void search(e)} noValidate>
        <Group align="flex-end" wrap="nowrap">
          <TextInput style={{ flex: 1 }} label={t('programs.participants.search')} placeholder={t('programs.participants.searchPlaceholder')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
          <Button type="submit" variant="light">
            {t('programs.participants.searchButton')}
          </Button>
        </Group>
      </form>
      {families && families.length === 0 && <Text c="dimmed">{t('programs.participants.noFamilies')}</Text>}
      {families && families.length > 0 && (
        <Select
          label={t('nav.families')}
          data={families.map((f) => ({ value: f.id, label: `${f.family_name}${f.head_name ? ` (${f.head_name})` : ''}` }))}
          value={familyId}
          onChange={(v) => void pickFamily(v)}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {members.length > 0 && (
        <Select label={t('programs.participants.member')} data={members} value={memberId} onChange={setMemberId} comboboxProps={{ withinPortal: true }} />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!memberId || !p.walk_in}
          loading={busy}
          onClick={() => {
            if (!memberId || !p.walk_in) return;
            setBusy(true);
            linkWalkIn(p.walk_in.id, p.walk_in.version, memberId).then(onDone, (e: unknown) => {
              setError(errorMessage(e, t, lang));
              setBusy(false);
            });
          }}
        >
          {t('programs.participants.linkSave')}
        </Button>
      </Group>
    </Stack>
  );
}
