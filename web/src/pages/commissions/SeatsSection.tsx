// A commission's seats: specialists, officials of related institutions,
// local activists and staff. A seat held by an account lets its holder see
// the commission's cases; the owner adds and ends seats.
import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import type { CommissionDetail, CommissionSeat, Me, MemberCapacity, User } from '../../api/types';
import { addSeat, can, listUsers, removeSeat, useResource } from '../../data';
import { errorMessage, formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { ResponsiveList } from '../../components/ResponsiveList';
import { persianFilter } from '../training/searchFilter';

export const CAPACITIES = Object.keys({ specialist: true, official: true, activist: true, staff: true } satisfies Record<MemberCapacity, true>) as readonly MemberCapacity[];

type Dialog = { kind: 'add' } | { kind: 'remove'; seat: CommissionSeat } | null;

export interface SeatsSectionProps {
  me: Me;
  detail: CommissionDetail;
  onChange: (detail: CommissionDetail) => void;
  onStale: () => void;
}

export function SeatsSection({ me, detail, onChange, onStale }: SeatsSectionProps) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [dialog, setDialog] = useState<Dialog>(null);
  const canManage = detail.commission.can_manage;
  const seats = detail.seats;

  const account = (s: CommissionSeat) =>
    s.user_id ? (
      <Badge variant="light" color="teal" size="sm">
        {t('casework.seats.hasAccount')}
      </Badge>
    ) : null;
  const actions = (s: CommissionSeat) =>
    canManage ? (
      <Button size="compact-sm" variant="light" color="red" onClick={() => setDialog({ kind: 'remove', seat: s })} aria-label={t('casework.seats.removeOf', { name: s.name })}>
        {t('casework.seats.remove')}
      </Button>
    ) : null;

  function setSeats(next: CommissionSeat[]) {
    onChange({ ...detail, seats: next, commission: { ...detail.commission, seats: next.length } });
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={560}>
          {t('casework.seats.intro')}
        </Text>
        {canManage && <Button onClick={() => setDialog({ kind: 'add' })}>{t('casework.seats.add')}</Button>}
      </Group>
      {seats.length === 0 && <Text c="dimmed">{t('casework.seats.empty')}</Text>}
      <ResponsiveList
        items={seats}
        itemKey={(s) => s.id}
        label={t('casework.seats.list')}
        minWidth={640}
        columns={[
          {
            header: t('casework.seats.fields.name'),
            cell: (s) => (
              <Group gap="xs">
                <Text fw={600}>{s.name}</Text>
                {account(s)}
              </Group>
            ),
          },
          { header: t('casework.seats.fields.capacity'), cell: (s) => t(`casework.seats.capacity.${s.capacity}`) },
          { header: t('casework.seats.fields.organization'), cell: (s) => s.organization || t('common.none') },
          ...(canManage ? [{ header: t('common.actions'), cell: actions }] : []),
        ]}
        card={(s) => (
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={700}>{s.name}</Text>
              {account(s)}
            </Group>
            <Text size="sm">
              {t(`casework.seats.capacity.${s.capacity}`)}
              {s.organization && `${t('common.separator')}${s.organization}`}
            </Text>
            {actions(s)}
          </Stack>
        )}
      />
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        fullScreen={phone && dialog?.kind === 'add'}
        size="md"
        closeButtonProps={{ 'aria-label': t('common.close') }}
        title={dialog?.kind === 'add' ? t('casework.seats.addTitle') : dialog?.kind === 'remove' ? t('casework.seats.removeTitle', { name: dialog.seat.name }) : ''}
      >
        {dialog?.kind === 'add' && (
          <SeatForm
            me={me}
            detail={detail}
            onCancel={() => setDialog(null)}
            onSaved={(seat) => {
              setDialog(null);
              setSeats([...seats, seat]);
              notify({ color: 'teal', message: t('casework.seats.added', { name: seat.name }) });
            }}
          />
        )}
        {dialog?.kind === 'remove' && (
          <RemoveSeat
            commissionId={detail.commission.id}
            seat={seats.find((s) => s.id === dialog.seat.id) ?? dialog.seat}
            onCancel={() => setDialog(null)}
            onDone={(seat) => {
              setDialog(null);
              setSeats(seats.filter((s) => s.id !== seat.id));
              notify({ color: 'teal', message: t('casework.seats.removed', { name: seat.name }) });
            }}
            onStale={onStale}
          />
        )}
      </Modal>
    </Stack>
  );
}

function SeatForm({ me, detail, onCancel, onSaved }: { me: Me; detail: CommissionDetail; onCancel: () => void; onSaved: (seat: CommissionSeat) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [userId, setUserId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [capacity, setCapacity] = useState<MemberCapacity | null>(null);
  const [organization, setOrganization] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  // Accounts I may see; those already seated are left out.
  const mayListUsers = can(me, 'users.read');
  const users = useResource(() => (mayListUsers ? listUsers() : Promise.resolve([] as User[])), [mayListUsers]);
  const seated = new Set(detail.seats.map((s) => s.user_id).filter((id): id is string => id !== null));
  const options = (users.data ?? [])
    .filter((u) => !u.disabled && !seated.has(u.id))
    .map((u) => ({ value: u.id, label: `${u.display_name} (${t(`roles.${u.role}`)})` }));
  const chosen = (users.data ?? []).find((u) => u.id === userId);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const cleanName = cleanInput(name);
    if (!cleanName && !userId) fields.name = t('casework.seats.nameRequired');
    if (!capacity) fields.capacity = t('common.required');
    setErrors({ fields, form: null });
    if (Object.keys(fields).length > 0 || !capacity) return;
    setBusy(true);
    try {
      onSaved(
        await addSeat(detail.commission.id, {
          capacity,
          name: cleanName,
          organization: cleanInput(organization),
          ...(userId ? { user_id: userId } : {}),
        }),
      );
    } catch (err) {
      setErrors(formErrorFrom(err, ['user_id', 'name', 'capacity', 'organization'], t, lang));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        {mayListUsers && (
          <Select
            label={t('casework.seats.fields.user_id')}
            description={t('casework.seats.userHint')}
            placeholder={t('casework.seats.noAccount')}
            data={options}
            value={userId}
            onChange={setUserId}
            error={errors.fields.user_id ?? (users.error ? errorMessage(users.error, t, lang) : undefined)}
            clearable
            searchable
            filter={persianFilter}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <TextInput
          label={t('casework.seats.fields.name')}
          description={chosen ? t('casework.seats.nameFromAccount', { name: chosen.display_name }) : undefined}
          placeholder={chosen?.display_name}
          required={!userId}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.fields.name}
          maxLength={160}
          autoComplete="off"
        />
        <Select
          label={t('casework.seats.fields.capacity')}
          required
          data={CAPACITIES.map((c) => ({ value: c, label: t(`casework.seats.capacity.${c}`) }))}
          value={capacity}
          onChange={(v) => setCapacity((CAPACITIES as readonly (string | null)[]).includes(v) ? (v as MemberCapacity) : null)}
          error={errors.fields.capacity}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t('casework.seats.fields.organization')}
          placeholder={t('casework.seats.organizationPlaceholder')}
          value={organization}
          onChange={(e) => setOrganization(e.currentTarget.value)}
          error={errors.fields.organization}
          maxLength={200}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('casework.seats.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RemoveSeat({
  commissionId,
  seat,
  onCancel,
  onDone,
  onStale,
}: {
  commissionId: string;
  seat: CommissionSeat;
  onCancel: () => void;
  onDone: (seat: CommissionSeat) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await removeSeat(commissionId, seat.id, seat.version);
      onDone(seat);
    } catch (err) {
      setError(errorMessage(err, t, lang));
      if (err instanceof ApiError && err.code === 'version_conflict') onStale();
      setBusy(false);
    }
  }

  return (
    <Stack>
      <FormAlert message={error} />
      <Text>{t(seat.user_id ? 'casework.seats.removeConfirmAccount' : 'casework.seats.removeConfirm', { name: seat.name })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={busy} onClick={() => void confirm()}>
          {t('casework.seats.remove')}
        </Button>
      </Group>
    </Stack>
  );
}
