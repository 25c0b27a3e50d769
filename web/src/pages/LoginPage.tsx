import { useRef, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { login, type LoginNotice } from '../data';
import { ApiError } from '../api/errors';
import { errorMessage } from '../i18n/errors';
import { cleanInput, toAsciiDigits } from '../lib/digits';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { FormAlert } from '../components/FormAlert';
import { PasswordField } from '../components/PasswordField';

export function LoginPage({ notice }: { notice: LoginNotice }) {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('login.title'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const u = cleanInput(username).toLowerCase();
    const missing = {
      username: u ? undefined : t('common.required'),
      password: password ? undefined : t('common.required'),
    };
    setFieldErrors(missing);
    setError(null);
    if (missing.username || missing.password) return;
    setBusy(true);
    try {
      // Usernames are lowercase ASCII on the server. Passwords get their digits
      // normalized, as the server does: the same password typed on a Persian
      // phone keyboard and on a PC keyboard must match.
      await login(u, toAsciiDigits(password));
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.code === 'invalid_credentials') {
        setPassword('');
        passwordRef.current?.focus();
      }
      setBusy(false);
    }
  }

  const noticeText =
    notice === 'session_ended'
      ? t('login.sessionEnded')
      : notice === 'account_disabled'
        ? t('login.accountDisabled')
        : notice === 'device_revoked'
          ? t('login.deviceRevoked')
          : null;

  return (
    <Box component="main" mih="100vh" p="md" bg="gray.0">
      <Group justify="flex-end">
        <LanguageSwitch />
      </Group>
      <Stack maw={400} mx="auto" mt={{ base: 'lg', sm: 80 }} gap="lg">
        <Stack gap={4} align="center">
          <Title order={1} c="teal.8">
            {t('app.name')}
          </Title>
          <Text c="dimmed" ta="center">
            {t('app.tagline')}
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="login-title">
            <Stack>
              <Title order={2} size="h3" id="login-title">
                {t('login.title')}
              </Title>
              {noticeText && !error && (
                <Alert color="yellow" variant="light" role="status">
                  {noticeText}
                </Alert>
              )}
              <FormAlert message={error ? errorMessage(error, t, lang) : null} />
              <TextInput
                label={t('login.username')}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={username}
                error={fieldErrors.username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                classNames={{ input: 'plaintext' }}
              />
              <PasswordField
                ref={passwordRef}
                label={t('login.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                error={fieldErrors.password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={busy} fullWidth>
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Box>
  );
}
