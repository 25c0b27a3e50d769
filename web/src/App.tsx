import { useEffect } from 'react';
import { Alert, Button, Center, DirectionProvider, Loader, MantineProvider, Stack, useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { cssVariablesResolver, theme } from './theme';
import { loadSession, useSession } from './data';
import { dirOf } from './lib/locale';
import { useLang } from './lib/useLang';
import { errorMessage } from './i18n/errors';
import { LoginPage } from './pages/LoginPage';
import { Shell } from './components/Shell';
import { LanguageSwitch } from './components/LanguageSwitch';
import { UpdateBanner } from './components/UpdateBanner';
import { DeviceLock } from './components/sync/DeviceLock';
import { OfflineUnlockPage } from './pages/OfflineUnlockPage';
import { storedLang } from './i18n';

export function App() {
  return (
    <DirectionProvider initialDirection={dirOf(storedLang())} detectDirection={false}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <DirectionSync />
        <Notifications position="top-center" />
        <Root />
        <UpdateBanner />
      </MantineProvider>
    </DirectionProvider>
  );
}

/** Keeps Mantine's direction in step with the language (i18n sets <html dir>). */
function DirectionSync() {
  const lang = useLang();
  const { setDirection } = useDirection();
  useEffect(() => setDirection(dirOf(lang)), [lang, setDirection]);
  return null;
}

function Root() {
  const session = useSession();
  const { t } = useTranslation();
  const lang = useLang();

  useEffect(() => {
    void loadSession();
  }, []);

  switch (session.status) {
    case 'loading':
      return (
        <Center h="100vh">
          <Loader aria-label={t('common.loading')} />
        </Center>
      );
    case 'unreachable':
      return (
        <Center h="100vh" p="md">
          <Stack maw={420}>
            <LanguageSwitch />
            <Alert color="red" role="alert">
              {errorMessage(session.error, t, lang)}
            </Alert>
            <Button onClick={() => void loadSession()}>{t('common.retry')}</Button>
          </Stack>
        </Center>
      );
    case 'offline_locked':
      return <OfflineUnlockPage store={session.store} />;
    case 'anonymous':
      return <LoginPage notice={session.notice} />;
    case 'authenticated':
      // The lock covers the app rather than replacing it: what is on screen survives unlocking.
      return (
        <>
          <Shell me={session.me} />
          <DeviceLock me={session.me} />
        </>
      );
  }
}
