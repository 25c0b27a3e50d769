import { useState, type FormEvent } from 'react';
import { Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notify } from '../lib/notify';
import { useTranslation } from 'react-i18next';
import { can, changePassword, type Me } from '../data';
import { formErrorFrom, noErrors, type FormErrorState } from '../i18n/errors';
import { toAsciiDigits } from '../lib/digits';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { DeviceList } from '../components/DeviceList';
import { FormAlert } from '../components/FormAlert';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { PasswordField } from '../components/PasswordField';
import { emptyNewPassword, newPasswordErrors, type NewPassword } from '../components/PasswordRules';

const FIELDS = ['current_password', 'new_password'] as const;

export function AccountPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const rows: [string, string][] = [
    [t('account.displayName'), me.user.display_name],
    [t('account.username'), me.user.username],
    [t('account.role'), t(`roles.${me.user.role}`)],
  ];
  if (me.center) rows.push([t('account.center'), me.center.name]);
  if (me.headquarters) rows.push([t('account.headquarters'), me.headquarters.name]);

  return (
    <Stack gap="lg" maw={640}>
      <Title order={1} size="h2">
        {t('account.title')}
      </Title>
      <Card withBorder padding="lg">
        <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs" m={0}>
          {rows.map(([label, value]) => (
            <div key={label}>
              <Text component="dt" size="sm" c="dimmed">
                {label}
              </Text>
              <Text component="dd" m={0} fw={500} dir="auto">
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Card>
      <ChangePasswordForm username={me.user.username} />
      {can(me, 'sync.offline') && <DeviceList userId={me.user.id} headingId="my-devices" title={t('devices.mine')} />}
    </Stack>
  );
}

function ChangePasswordForm({ username }: { username: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [current, setCurrent] = useState('');
  const [newPassword, setNewPassword] = useState<NewPassword>(emptyNewPassword);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const cur = toAsciiDigits(current);
    const nw = toAsciiDigits(newPassword.password);
    const fields: Record<string, string> = {};
    if (!cur) fields.current_password = t('common.required');
    Object.assign(fields, newPasswordErrors(newPassword, 'new_password', username, t, lang));
    setErrors({ fields, form: null });
    if (Object.keys(fields).length > 0) return;
    setBusy(true);
    try {
      await changePassword(cur, nw);
      setCurrent('');
      setNewPassword(emptyNewPassword);
      notify({ color: 'teal', message: t('account.changed') });
    } catch (err) {
      setErrors(formErrorFrom(err, FIELDS, t, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder padding="lg">
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="change-password-title">
        <Stack>
          <Title order={2} size="h4" id="change-password-title">
            {t('account.changePassword')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('account.changePasswordHint')}
          </Text>
          <FormAlert message={errors.form} />
          <PasswordField
            label={t('account.currentPassword')}
            autoComplete="current-password"
            required
            value={current}
            error={errors.fields.current_password}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <NewPasswordFields
            value={newPassword}
            onChange={setNewPassword}
            label={t('account.newPassword')}
            repeatLabel={t('account.repeatPassword')}
            error={errors.fields.new_password}
            repeatError={errors.fields.repeat}
          />
          <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
            {t('account.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
