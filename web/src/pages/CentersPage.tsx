import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notify } from '../lib/notify';
import { useTranslation } from 'react-i18next';
import { can, createCenter, getCenter, listCenters, updateCenter, useResource, type Center, type HostBody, type Me } from '../data';
import { HOST_BODIES } from '../api/types';
import { ApiError } from '../api/errors';
import { errorMessage, formErrorFrom, noErrors, type FormErrorState } from '../i18n/errors';
import { cleanInput } from '../lib/digits';
import { formatDate } from '../lib/jalali';
import { useIsPhone } from '../lib/useIsPhone';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { FormAlert } from '../components/FormAlert';
import { JalaliDateInput } from '../components/JalaliDateInput';
import { LoadState } from '../components/LoadState';
import { ResponsiveList } from '../components/ResponsiveList';

type Editing = { mode: 'create' } | { mode: 'edit'; center: Center } | null;

export function CentersPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  usePageTitle(t('centers.title'));
  const centers = useResource(listCenters, []);
  const [editing, setEditing] = useState<Editing>(null);
  const canCreate = can(me, 'centers.create');
  const canUpdate = can(me, 'centers.update');

  const items = centers.data ?? [];
  // A value this build has no words for (a newer server) is shown as it is rather than hidden.
  const hostBody = (h: HostBody) => t(`hostBodies.${h}`, { defaultValue: h });

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('centers.title')}
        </Title>
        {canCreate && <Button onClick={() => setEditing({ mode: 'create' })}>{t('centers.new')}</Button>}
      </Group>

      {!centers.data && <LoadState loading={centers.loading} error={centers.error} onRetry={centers.reload} />}
      {centers.data && centers.error != null && <LoadState loading={false} error={centers.error} onRetry={centers.reload} />}
      {centers.data && items.length === 0 && <Text c="dimmed">{t('centers.empty')}</Text>}

      <ResponsiveList
        items={items}
        itemKey={(c) => c.id}
        label={t('centers.list')}
        columns={[
          { header: t('centers.code'), cell: (c) => <span className="ltr">{c.code}</span> },
          { header: t('centers.name'), cell: (c) => c.name },
          { header: t('centers.hostBody'), cell: (c) => hostBody(c.host_body) },
          { header: t('centers.neighborhood'), cell: (c) => c.neighborhood || t('common.none') },
          { header: t('centers.openedOn'), cell: (c) => (c.opened_on ? formatDate(c.opened_on, lang) : t('common.none')) },
          ...(canUpdate
            ? [
                {
                  header: t('common.actions'),
                  cell: (c: Center) => (
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => setEditing({ mode: 'edit', center: c })}
                      aria-label={`${t('centers.edit')}: ${c.name}`}
                    >
                      {t('centers.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
        card={(c) => (
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2}>
              <Text fw={700}>{c.name}</Text>
              <Text size="sm" c="dimmed">
                <span className="ltr">{c.code}</span> · {hostBody(c.host_body)}
              </Text>
              {c.neighborhood && <Text size="sm">{t('centers.neighborhood')}: {c.neighborhood}</Text>}
              {c.opened_on !== null && (
                <Text size="sm">
                  {t('centers.openedOn')}: {formatDate(c.opened_on, lang)}
                </Text>
              )}
            </Stack>
            {canUpdate && (
              <Button size="compact-sm" variant="light" onClick={() => setEditing({ mode: 'edit', center: c })}>
                {t('centers.edit')}
              </Button>
            )}
          </Group>
        )}
      />

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        fullScreen={phone}
        size="lg"
        title={editing?.mode === 'edit' ? t('centers.editTitle', { name: editing.center.name }) : t('centers.new')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing && (
          <CenterForm
            key={editing.mode === 'edit' ? editing.center.id : 'new'}
            center={editing.mode === 'edit' ? editing.center : null}
            onCancel={() => setEditing(null)}
            onSaved={(c) => {
              setEditing(null);
              centers.reload();
              notify({
                color: 'teal',
                message: editing.mode === 'edit' ? t('centers.updated', { name: c.name }) : t('centers.created', { name: c.name }),
              });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

const FIELDS = ['code', 'name', 'host_body', 'neighborhood', 'address', 'opened_on'] as const;

interface Values {
  code: string;
  name: string;
  host_body: HostBody | null;
  neighborhood: string;
  address: string;
  opened_on: string | null;
}

function valuesOf(c: Center | null): Values {
  return {
    code: c?.code ?? '',
    name: c?.name ?? '',
    host_body: c?.host_body ?? null,
    neighborhood: c?.neighborhood ?? '',
    address: c?.address ?? '',
    opened_on: c?.opened_on ?? null,
  };
}

function CenterForm({ center, onCancel, onSaved }: { center: Center | null; onCancel: () => void; onSaved: (c: Center) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [loaded, setLoaded] = useState(center);
  const [values, setValues] = useState<Values>(() => valuesOf(center));
  const [dateValid, setDateValid] = useState(true);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((old) => ({ ...old, [k]: v }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = {
      ...values,
      code: cleanInput(values.code),
      name: cleanInput(values.name),
      neighborhood: cleanInput(values.neighborhood),
      address: cleanInput(values.address),
    };
    const fields: Record<string, string> = {};
    if (!loaded && !v.code) fields.code = t('common.required');
    if (!v.name) fields.name = t('common.required');
    if (!v.host_body) fields.host_body = t('common.required');
    setErrors({ fields, form: null });
    setConflict(false);
    if (Object.keys(fields).length > 0 || !dateValid || !v.host_body) return;
    setBusy(true);
    try {
      const saved = loaded
        ? await updateCenter(loaded.id, {
            version: loaded.version,
            name: v.name,
            host_body: v.host_body,
            neighborhood: v.neighborhood,
            address: v.address,
            opened_on: v.opened_on,
          })
        : await createCenter({
            code: v.code,
            name: v.name,
            host_body: v.host_body,
            neighborhood: v.neighborhood || null,
            address: v.address || null,
            opened_on: v.opened_on,
          });
      onSaved(saved);
    } catch (err) {
      setErrors(formErrorFrom(err, FIELDS, t, lang));
      setConflict(err instanceof ApiError && err.code === 'version_conflict');
      setBusy(false);
    }
  }

  // After a version conflict: take the server's current record (and its
  // version) into the form; the person applies their change again.
  async function reloadLatest() {
    if (!loaded) return;
    setBusy(true);
    try {
      const fresh = await getCenter(loaded.id);
      setLoaded(fresh);
      setValues(valuesOf(fresh));
      setConflict(false);
      setErrors({ fields: {}, form: null });
      notify({ color: 'blue', message: t('centers.reloaded') });
    } catch (err) {
      setErrors({ fields: {}, form: errorMessage(err, t, lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form}>
          {conflict && (
            <Button mt="sm" size="compact-sm" variant="light" color="red" onClick={() => void reloadLatest()} display="block">
              {t('centers.reloadLatest')}
            </Button>
          )}
        </FormAlert>
        <TextInput
          label={t('centers.code')}
          required={!loaded}
          disabled={!!loaded}
          value={values.code}
          error={errors.fields.code}
          onChange={(e) => set('code', e.currentTarget.value)}
          classNames={{ input: 'plaintext' }}
          autoComplete="off"
        />
        <TextInput
          label={t('centers.name')}
          required
          value={values.name}
          error={errors.fields.name}
          onChange={(e) => set('name', e.currentTarget.value)}
        />
        <Select<HostBody>
          label={t('centers.hostBody')}
          required
          data={HOST_BODIES.map((h) => ({ value: h, label: t(`hostBodies.${h}`) }))}
          value={values.host_body}
          error={errors.fields.host_body}
          onChange={(v) => set('host_body', v)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t('centers.neighborhood')}
          value={values.neighborhood}
          error={errors.fields.neighborhood}
          onChange={(e) => set('neighborhood', e.currentTarget.value)}
        />
        <Textarea
          label={t('centers.address')}
          autosize
          minRows={2}
          value={values.address}
          error={errors.fields.address}
          onChange={(e) => set('address', e.currentTarget.value)}
        />
        <JalaliDateInput
          label={t('centers.openedOn')}
          value={values.opened_on}
          error={errors.fields.opened_on}
          onChange={(v, valid) => {
            set('opened_on', v);
            setDateValid(valid);
          }}
        />
        <Group justify="flex-end" mt="sm">
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
