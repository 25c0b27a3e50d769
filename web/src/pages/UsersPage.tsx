import { useMemo, useState, type FormEvent } from 'react';
import { Badge, Button, Group, Modal, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notify } from '../lib/notify';
import { useTranslation } from 'react-i18next';
import {
  can,
  createUser,
  listCenters,
  listUsers,
  resetPassword,
  updateUser,
  useResource,
  type Center,
  type Me,
  type Role,
  type User,
} from '../data';
import { roleNeedsCenter } from '../api/types';
import { ApiError } from '../api/errors';
import { errorMessage, formErrorFrom, noErrors, type FormErrorState } from '../i18n/errors';
import { cleanInput, toAsciiDigits } from '../lib/digits';
import { useIsPhone } from '../lib/useIsPhone';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { FormAlert } from '../components/FormAlert';
import { LoadState } from '../components/LoadState';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { emptyNewPassword, newPasswordErrors, usernameProblem, type NewPassword } from '../components/PasswordRules';
import { ResponsiveList } from '../components/ResponsiveList';

type Dialog = { kind: 'create' } | { kind: 'disable'; user: User } | { kind: 'reset'; user: User } | null;

export function UsersPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  usePageTitle(t('users.title'));
  const isHqAdmin = me.user.role === 'hq_admin';
  const [centerFilter, setCenterFilter] = useState<string | null>(null);
  const users = useResource(() => listUsers(centerFilter), [centerFilter]);
  // Center names for the list and the create form.
  const centers = useResource(() => (can(me, 'centers.read') ? listCenters() : Promise.resolve([] as Center[])), []);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const centerName = useMemo(() => {
    const names = new Map((centers.data ?? []).map((c) => [c.id, c.name]));
    return (id: string | null) => (id ? (names.get(id) ?? t('common.none')) : t('common.none'));
  }, [centers.data, t]);

  const canCreate = can(me, 'users.create') && me.creatable_roles.length > 0;
  // Only users of a role this person could create are theirs to manage; never themselves.
  const canManage = (u: User) => can(me, 'users.update') && me.creatable_roles.includes(u.role) && u.id !== me.user.id;

  async function enable(u: User) {
    setBusyId(u.id);
    try {
      const saved = await updateUser(u.id, { version: u.version, disabled: false });
      notify({ color: 'teal', message: t('users.enabledDone', { name: saved.display_name }) });
    } catch (err) {
      notify({ color: 'red', message: errorMessage(err, t, lang) });
    } finally {
      setBusyId(null);
      users.reload();
    }
  }

  const items = users.data ?? [];

  function actions(u: User) {
    if (!canManage(u)) return null;
    return (
      <Group gap="xs" wrap="nowrap">
        {u.disabled ? (
          <Button size="compact-sm" variant="light" loading={busyId === u.id} onClick={() => void enable(u)}>
            {t('users.enable')}
          </Button>
        ) : (
          <Button size="compact-sm" variant="light" color="red" onClick={() => setDialog({ kind: 'disable', user: u })}>
            {t('users.disable')}
          </Button>
        )}
        <Button size="compact-sm" variant="default" onClick={() => setDialog({ kind: 'reset', user: u })}>
          {t('users.resetPassword')}
        </Button>
      </Group>
    );
  }

  const displayName = (u: User) => (
    <>
      {u.display_name} {u.id === me.user.id && t('users.you')}
    </>
  );

  const status = (u: User) => (
    <Badge color={u.disabled ? 'gray' : 'teal'} variant="light">
      {u.disabled ? t('users.disabled') : t('users.active')}
    </Badge>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('users.title')}
        </Title>
        {canCreate && <Button onClick={() => setDialog({ kind: 'create' })}>{t('users.new')}</Button>}
      </Group>

      {isHqAdmin && (centers.data?.length ?? 0) > 0 && (
        <Select
          label={t('users.filterByCenter')}
          maw={360}
          data={[{ value: '', label: t('users.allCenters') }, ...(centers.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          value={centerFilter ?? ''}
          onChange={(v) => setCenterFilter(v ? v : null)}
          allowDeselect={false}
        />
      )}

      {(!users.data || users.error != null) && <LoadState loading={users.loading && !users.data} error={users.error} onRetry={users.reload} />}
      {users.data && items.length === 0 && <Text c="dimmed">{t('users.empty')}</Text>}

      <ResponsiveList
        items={items}
        itemKey={(u) => u.id}
        label={t('users.list')}
        minWidth={760}
        columns={[
          { header: t('users.username'), cell: (u) => <span className="ltr">{u.username}</span> },
          { header: t('users.displayName'), cell: displayName },
          { header: t('users.role'), cell: (u) => t(`roles.${u.role}`) },
          { header: t('users.center'), cell: (u) => centerName(u.center_id) },
          { header: t('users.status'), cell: status },
          { header: t('common.actions'), cell: actions },
        ]}
        card={(u) => (
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={700}>{displayName(u)}</Text>
              {status(u)}
            </Group>
            <Text size="sm" c="dimmed">
              <span className="ltr">{u.username}</span>
            </Text>
            <Text size="sm">
              {t(`roles.${u.role}`)}
              {u.center_id && ` · ${centerName(u.center_id)}`}
            </Text>
            {actions(u)}
          </Stack>
        )}
      />

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        fullScreen={phone && dialog?.kind !== 'disable'}
        size={dialog?.kind === 'disable' ? 'md' : 'lg'}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        title={
          dialog?.kind === 'create'
            ? t('users.new')
            : dialog?.kind === 'disable'
              ? t('users.confirmDisableTitle', { name: dialog.user.display_name })
              : dialog?.kind === 'reset'
                ? t('users.resetTitle', { name: dialog.user.display_name })
                : ''
        }
      >
        {dialog?.kind === 'create' && (
          <CreateUserForm
            me={me}
            centers={centers.data ?? []}
            onCancel={() => setDialog(null)}
            onSaved={(u) => {
              setDialog(null);
              users.reload();
              notify({ color: 'teal', message: t('users.created', { name: u.display_name }) });
            }}
          />
        )}
        {dialog?.kind === 'disable' && (
          <DisableUser
            user={dialog.user}
            onCancel={() => setDialog(null)}
            onDone={() => {
              notify({ color: 'teal', message: t('users.disabledDone', { name: dialog.user.display_name }) });
              setDialog(null);
              users.reload();
            }}
            onStale={users.reload}
          />
        )}
        {dialog?.kind === 'reset' && (
          <ResetPasswordForm
            user={dialog.user}
            onCancel={() => setDialog(null)}
            onDone={() => {
              notify({ color: 'teal', message: t('users.passwordReset', { name: dialog.user.display_name }) });
              setDialog(null);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

const CREATE_FIELDS = ['username', 'display_name', 'role', 'center_id', 'password'] as const;

function CreateUserForm({ me, centers, onCancel, onSaved }: { me: Me; centers: Center[]; onCancel: () => void; onSaved: (u: User) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const isHqAdmin = me.user.role === 'hq_admin';
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role | null>(me.creatable_roles.length === 1 ? (me.creatable_roles[0] ?? null) : null);
  const [centerId, setCenterId] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState<NewPassword>(emptyNewPassword);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  // An HQ admin places a center-scoped user in a center; a center manager's
  // users always join the manager's own center.
  const needsCenterChoice = isHqAdmin && role !== null && roleNeedsCenter(role);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const u = cleanInput(username).toLowerCase();
    const name = cleanInput(displayName);
    const pw = toAsciiDigits(newPassword.password);
    const fields: Record<string, string> = {};
    const badName = u ? usernameProblem(u, t) : t('common.required');
    if (badName) fields.username = badName;
    if (!name) fields.display_name = t('common.required');
    if (!role) fields.role = t('common.required');
    if (needsCenterChoice && !centerId) fields.center_id = t('users.chooseCenter');
    Object.assign(fields, newPasswordErrors(newPassword, 'password', u, t, lang));
    setErrors({ fields, form: null });
    if (Object.keys(fields).length > 0 || !role) return;

    const scope = !roleNeedsCenter(role)
      ? { hq_id: me.headquarters?.id ?? null, center_id: null }
      : { center_id: isHqAdmin ? centerId : (me.center?.id ?? null) };
    setBusy(true);
    try {
      onSaved(await createUser({ username: u, display_name: name, role, password: pw, ...scope }));
    } catch (err) {
      setErrors(formErrorFrom(err, CREATE_FIELDS, t, lang));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        {!isHqAdmin && me.center && (
          <Text size="sm" c="dimmed">
            {t('users.ownCenter', { name: me.center.name })}
          </Text>
        )}
        <TextInput
          label={t('users.username')}
          description={t('users.usernameHint')}
          required
          value={username}
          error={errors.fields.username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          classNames={{ input: 'plaintext' }}
        />
        <TextInput
          label={t('users.displayName')}
          required
          value={displayName}
          error={errors.fields.display_name}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          autoComplete="off"
        />
        <Select
          label={t('users.role')}
          required
          data={me.creatable_roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          error={errors.fields.role}
          onChange={(v) => setRole(v as Role | null)}
          allowDeselect={false}
        />
        {needsCenterChoice && (
          <Select
            label={t('users.center')}
            required
            searchable
            data={centers.map((c) => ({ value: c.id, label: c.name }))}
            value={centerId}
            error={errors.fields.center_id}
            onChange={setCenterId}
            allowDeselect={false}
          />
        )}
        <NewPasswordFields
          value={newPassword}
          onChange={setNewPassword}
          label={t('users.password')}
          repeatLabel={t('users.repeatPassword')}
          error={errors.fields.password}
          repeatError={errors.fields.repeat}
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

function DisableUser({ user, onCancel, onDone, onStale }: { user: User; onCancel: () => void; onDone: () => void; onStale: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await updateUser(user.id, { version: user.version, disabled: true });
      onDone();
    } catch (err) {
      setError(errorMessage(err, t, lang));
      // The list behind the dialog is out of date: refresh it so a second try uses the new version.
      if (err instanceof ApiError && err.code === 'version_conflict') onStale();
      setBusy(false);
    }
  }

  return (
    <Stack>
      <FormAlert message={error} />
      <Text>{t('users.confirmDisable')}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={busy} onClick={() => void confirm()}>
          {t('users.disable')}
        </Button>
      </Group>
    </Stack>
  );
}

function ResetPasswordForm({ user, onCancel, onDone }: { user: User; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [newPassword, setNewPassword] = useState<NewPassword>(emptyNewPassword);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const pw = toAsciiDigits(newPassword.password);
    const fields = newPasswordErrors(newPassword, 'new_password', user.username, t, lang);
    setErrors({ fields, form: null });
    if (Object.keys(fields).length > 0) return;
    setBusy(true);
    try {
      await resetPassword(user.id, pw);
      onDone();
    } catch (err) {
      setErrors(formErrorFrom(err, ['new_password'], t, lang));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Text size="sm" c="dimmed">
          {t('users.resetHint')}
        </Text>
        <NewPasswordFields
          value={newPassword}
          onChange={setNewPassword}
          label={t('users.newPassword')}
          repeatLabel={t('users.repeatPassword')}
          error={errors.fields.new_password}
          repeatError={errors.fields.repeat}
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
