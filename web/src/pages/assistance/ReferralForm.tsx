// Referring the family (or one member) to a resource of the directory — a
// specialist, counselor or organization, found by typing — or to a
// commission, with the reason and how urgent it is.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Urgency } from '../../api/types';
import { noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { persianFilter } from '../training/searchFilter';
import type { AssistanceBackend, AssistanceSource } from './backend';
import type { AssistanceMember } from './lookup';
import { URGENCIES } from './model';
import { memberOptions, resourceOptions } from './pickers';
import { useWrite } from './writes';

const FIELDS = ['resource_id', 'commission_id', 'member_id', 'urgency', 'reason'] as const;

type To = 'resource' | 'commission';

export interface ReferralFormProps {
  familyId: string;
  members: readonly AssistanceMember[];
  source: AssistanceSource;
  backend: AssistanceBackend;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function ReferralForm({ familyId, members, source, backend, onDone, onCancel }: ReferralFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const write = useWrite();
  const [to, setTo] = useState<To>('resource');
  const [resourceId, setResourceId] = useState<string | null>(null);
  const [commissionId, setCommissionId] = useState('');
  const [memberId, setMemberId] = useState('');
  const [urgency, setUrgency] = useState<Urgency>('routine');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);
  const resources = useMemo(() => resourceOptions(source, t), [source, t]);
  const toLabel = useId();
  const urgencyLabel = useId();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (to === 'resource' && !resourceId) fields.resource_id = t('common.required');
    if (to === 'commission' && !commissionId) fields.commission_id = t('common.required');
    if (!cleanInput(reason)) fields.reason = t('common.required');
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    const out = await write.run(
      () =>
        backend.createReferral(familyId, {
          id: write.id,
          // One receiver: the directory's or a commission.
          ...(to === 'resource' ? { resource_id: resourceId } : { commission_id: commissionId }),
          member_id: memberId || null,
          urgency,
          reason: cleanInput(reason),
        }),
      FIELDS,
      t,
      lang,
    );
    if (out.ok) {
      onDone(t('assistance.done.referred'));
      return;
    }
    setErrors(out.errors ?? noErrors);
    setBusy(false);
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id={toLabel}>
            {t('assistance.referral.to')}
          </Text>
          <SegmentedControl
            aria-labelledby={toLabel}
            fullWidth
            value={to}
            onChange={(v) => setTo(v as To)}
            data={[
              { value: 'resource', label: t('assistance.referral.toResource') },
              { value: 'commission', label: t('assistance.referral.toCommission') },
            ]}
          />
        </Stack>
        {to === 'resource' ? (
          resources.length === 0 ? (
            <Text size="sm" c={errors.fields.resource_id ? 'red' : 'dimmed'}>
              {t('assistance.referral.noResources')}
            </Text>
          ) : (
            <Select
              label={t('assistance.referral.resource_id')}
              description={t('assistance.referral.resourceHint')}
              required
              data={resources}
              value={resourceId}
              onChange={setResourceId}
              searchable
              clearable
              filter={persianFilter}
              nothingFoundMessage={t('assistance.referral.noResources')}
              error={errors.fields.resource_id}
            />
          )
        ) : source.commissions.length === 0 ? (
          <Text size="sm" c={errors.fields.commission_id ? 'red' : 'dimmed'}>
            {t('assistance.referral.noCommissions')}
          </Text>
        ) : (
          <NativeSelect
            label={t('assistance.referral.commission_id')}
            required
            data={[
              { value: '', label: t('assistance.service.choose'), disabled: true },
              ...source.commissions.map((c) => ({
                value: c.id,
                label: [c.name, t(`assistance.domain.${c.domain}`), c.headquarters ? t('assistance.referral.headquarters') : t('assistance.referral.center')].join(
                  t('common.separator'),
                ),
              })),
            ]}
            value={commissionId}
            error={errors.fields.commission_id}
            onChange={(e) => setCommissionId(e.currentTarget.value)}
          />
        )}
        <NativeSelect
          label={t('assistance.referral.member_id')}
          data={memberOptions(members, t)}
          value={memberId}
          error={errors.fields.member_id}
          onChange={(e) => setMemberId(e.currentTarget.value)}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id={urgencyLabel}>
            {t('assistance.referral.urgency')}
          </Text>
          <SegmentedControl
            aria-labelledby={urgencyLabel}
            fullWidth
            value={urgency}
            onChange={(v) => setUrgency(v as Urgency)}
            data={URGENCIES.map((u) => ({ value: u, label: t(`assistance.urgency.${u}`) }))}
          />
        </Stack>
        <Textarea label={t('assistance.referral.reason')} required rows={4} value={reason} error={errors.fields.reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('assistance.referral.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
