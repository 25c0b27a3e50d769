import { useEffect, useState, type ReactNode } from 'react';
import { AppShell, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notify } from '../lib/notify';
import { useTranslation } from 'react-i18next';
import { can, logout, type Me, type Permission } from '../data';
import { errorMessage } from '../i18n/errors';
import { useLang } from '../lib/useLang';
import { linkProps, navigate, usePath } from '../router';
import { LanguageSwitch } from './LanguageSwitch';
import { SyncStatus } from './sync/SyncStatus';
import { LogoutDialog } from './sync/LogoutDialog';
import { usesOfflineStore } from '../offline';
import { HomePage } from '../pages/HomePage';
import { FamiliesPage } from '../pages/FamiliesPage';
import { FamilyPage } from '../pages/FamilyPage';
import { HelperFamilyPage } from '../pages/HelperFamilyPage';
import { OfflineAssessmentPage } from '../pages/OfflineAssessmentPage';
import { AssessmentPage } from '../pages/AssessmentPage';
import { FamilyImportPage } from '../pages/FamilyImportPage';
import { DuplicatesPage } from '../pages/DuplicatesPage';
import { CentersPage } from '../pages/CentersPage';
import { UsersPage } from '../pages/UsersPage';
import { InstrumentsPage } from '../pages/InstrumentsPage';
import { InstrumentPage } from '../pages/InstrumentPage';
import { ReportsPage } from '../pages/ReportsPage';
import { AccountPage } from '../pages/AccountPage';
import { MessagePage } from '../pages/MessagePage';
import { HelpersPage } from '../pages/HelpersPage';
import { HelperPage } from '../pages/HelperPage';
import { ProgramRulesPage } from '../pages/ProgramRulesPage';
import { MyFamiliesPage } from '../pages/MyFamiliesPage';
import { CoursesPage } from '../pages/CoursesPage';
import { CalendarPage } from '../pages/assistance/CalendarPage';
import { CommissionPage } from '../pages/commissions/CommissionPage';
import { CommissionsPage } from '../pages/commissions/CommissionsPage';
import { MeetingPage } from '../pages/commissions/MeetingPage';
import { ReferralCasePage } from '../pages/referrals/ReferralCasePage';
import { ReferralsPage } from '../pages/referrals/ReferralsPage';
import { ResourcesPage } from '../pages/resources/ResourcesPage';
import { CoursePage } from '../pages/CoursePage';
import { ProgramPage } from '../pages/programs/ProgramPage';
import { ProgramsPage } from '../pages/programs/ProgramsPage';

export type Section =
  | 'home'
  | 'myFamilies'
  | 'calendar'
  | 'families'
  | 'referrals'
  | 'commissions'
  | 'programs'
  | 'resources'
  | 'helpers'
  | 'courses'
  | 'centers'
  | 'users'
  | 'instruments'
  | 'programRules'
  | 'reports'
  | 'account';

interface SectionDef {
  key: Section;
  path: string;
  permission: Permission | null;
}

export const SECTIONS: readonly SectionDef[] = [
  { key: 'home', path: '/', permission: null },
  { key: 'myFamilies', path: '/my-families', permission: 'my.families' },
  { key: 'calendar', path: '/calendar', permission: 'assistance.work' },
  { key: 'families', path: '/families', permission: 'families.read' },
  { key: 'referrals', path: '/referrals', permission: 'referrals.read' },
  { key: 'commissions', path: '/commissions', permission: 'commissions.read' },
  { key: 'programs', path: '/programs', permission: 'programs.read' },
  { key: 'resources', path: '/resources', permission: 'resources.read' },
  { key: 'helpers', path: '/helpers', permission: 'helpers.read' },
  { key: 'courses', path: '/courses', permission: 'training.read' },
  { key: 'centers', path: '/centers', permission: 'centers.read' },
  { key: 'users', path: '/users', permission: 'users.read' },
  { key: 'instruments', path: '/instruments', permission: 'instruments.manage' },
  { key: 'programRules', path: '/program-rules', permission: 'program.manage' },
  { key: 'reports', path: '/reports', permission: 'reports.read' },
  { key: 'account', path: '/account', permission: null },
];

/** The registry's tools under `/families/` (center managers: `families.create`). */
export type FamilyTool = 'import' | 'duplicates';
const FAMILY_TOOLS: readonly FamilyTool[] = ['import', 'duplicates'];

/** `/families/import`, `/families/duplicates`. */
export function familyToolOf(path: string): FamilyTool | null {
  const m = /^\/families\/([a-z]+)\/?$/.exec(path);
  return m && (FAMILY_TOOLS as readonly string[]).includes(m[1]!) ? (m[1] as FamilyTool) : null;
}

/** `/families/{id}`: one family. */
export function familyIdOf(path: string): string | null {
  const m = /^\/families\/([^/]+)\/?$/.exec(path);
  if (!m || familyToolOf(path)) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** `/families/{id}/assessment`: a helper's assessment of a family, filled in on the phone. */
export function familyAssessmentOf(path: string): string | null {
  const m = /^\/families\/([^/]+)\/assessment\/?$/.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** `/assessments/{id}`: one assessment of a family (filed under families). */
export function assessmentIdOf(path: string): string | null {
  const m = /^\/assessments\/([^/]+)\/?$/.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** `/instruments/{id}`: one instrument version. */
export function instrumentIdOf(path: string): string | null {
  const m = /^\/instruments\/([^/]+)\/?$/.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** `/courses/{id}`: one training course. */
export function courseIdOf(path: string): string | null {
  const m = /^\/courses\/([^/]+)\/?$/.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** `/helpers/{id}`: one family helper. */
export function helperIdOf(path: string): string | null {
  const m = /^\/helpers\/([^/]+)\/?$/.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** The section a path belongs to: its own, or the one it sits under (`/families/…` → families). */
/** `/referrals/{id}`: one referral (a case). */
export function referralIdOf(path: string): string | null {
  return idUnder('referrals', path);
}

/** `/commissions/{id}`: one commission. */
export function commissionIdOf(path: string): string | null {
  const id = idUnder('commissions', path);
  return id === 'meetings' ? null : id;
}

/** `/commissions/meetings/{id}`: one meeting of a commission. */
export function meetingIdOf(path: string): string | null {
  const m = /^\/commissions\/meetings\/([^/]+)\/?$/.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** `/programs/{id}`: one group program. */
export function programIdOf(path: string): string | null {
  return idUnder('programs', path);
}

function idUnder(section: string, path: string): string | null {
  const m = new RegExp(`^/${section}/([^/]+)/?$`).exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

export function sectionOf(path: string): SectionDef | undefined {
  if (referralIdOf(path) !== null) return SECTIONS.find((s) => s.key === 'referrals');
  if (commissionIdOf(path) !== null || meetingIdOf(path) !== null) return SECTIONS.find((s) => s.key === 'commissions');
  if (programIdOf(path) !== null) return SECTIONS.find((s) => s.key === 'programs');
  if (instrumentIdOf(path) !== null) return SECTIONS.find((s) => s.key === 'instruments');
  if (helperIdOf(path) !== null) return SECTIONS.find((s) => s.key === 'helpers');
  if (courseIdOf(path) !== null) return SECTIONS.find((s) => s.key === 'courses');
  const underFamilies =
    familyIdOf(path) !== null || familyToolOf(path) !== null || assessmentIdOf(path) !== null || familyAssessmentOf(path) !== null;
  return SECTIONS.find((s) => s.path === path) ?? (underFamilies ? SECTIONS.find((s) => s.key === 'families') : undefined);
}

export function allowedSections(me: Me): SectionDef[] {
  return SECTIONS.filter((s) => s.permission === null || can(me, s.permission));
}

export function Shell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const path = usePath();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [leaving, setLeaving] = useState(false);
  // Logging out wipes a helper's phone: asked first (unsent changes would go too).
  const [confirmLogout, setConfirmLogout] = useState(false);
  const offline = usesOfflineStore(me);
  const sections = allowedSections(me);
  const roleName = t(`roles.${me.user.role}`);

  // The login page lives at whatever path the visitor had; once in, /login means home.
  useEffect(() => {
    if (path === '/login') navigate('/', { replace: true });
  }, [path]);

  async function onLogout() {
    setLeaving(true);
    try {
      await logout();
      navigate('/', { replace: true });
    } catch (e) {
      notify({ color: 'red', title: t('shell.logoutFailed'), message: errorMessage(e, t, lang) });
      setLeaving(false);
      setConfirmLogout(false);
    }
  }

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Title order={2} size="h3" c="teal.8">
              {t('app.name')}
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Stack gap={0} visibleFrom="sm" align="flex-end">
              <Text size="sm" fw={600}>
                {me.user.display_name}
              </Text>
              <Text size="xs" c="dimmed">
                {roleName}
              </Text>
            </Stack>
            {offline && <SyncStatus me={me} />}
            <LanguageSwitch />
            <Button variant="light" size="compact-md" onClick={() => (offline ? setConfirmLogout(true) : void onLogout())} loading={leaving}>
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {offline && <LogoutDialog opened={confirmLogout} onClose={() => setConfirmLogout(false)} onLogout={() => void onLogout()} leaving={leaving} />}

      <AppShell.Navbar p="sm" aria-label={t('nav.main')} component="nav">
        <Stack gap={0} hiddenFrom="sm" mb="sm" px="sm">
          <Text fw={600}>{me.user.display_name}</Text>
          <Text size="sm" c="dimmed">
            {roleName}
          </Text>
        </Stack>
        {sections.map((s) => (
          <NavLink
            key={s.key}
            component="a"
            {...linkProps(s.path, close)}
            label={t(`nav.${s.key}`)}
            active={sectionOf(path)?.key === s.key}
            aria-current={s.path === path ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <Page me={me} path={path} />
      </AppShell.Main>
    </AppShell>
  );
}

function Page({ me, path }: { me: Me; path: string }): ReactNode {
  const { t } = useTranslation();
  const section = sectionOf(path);
  if (!section) return path === '/login' ? null : <MessagePage message={t('shell.notFound')} />;
  if (section.permission && !can(me, section.permission)) return <MessagePage message={t('shell.notAllowed')} />;
  switch (section.key) {
    case 'home':
      return <HomePage me={me} />;
    case 'families': {
      const assessmentId = assessmentIdOf(path);
      if (assessmentId) return <AssessmentPage key={assessmentId} me={me} id={assessmentId} />;
      const tool = familyToolOf(path);
      if (tool) {
        // Importing, exporting and merging are the center manager's work.
        if (!can(me, 'families.create')) return <MessagePage message={t('shell.notAllowed')} />;
        return tool === 'import' ? <FamilyImportPage /> : <DuplicatesPage />;
      }
      const assessFamily = familyAssessmentOf(path);
      if (assessFamily) return <OfflineAssessmentPage key={assessFamily} familyId={assessFamily} />;
      const familyId = familyIdOf(path);
      if (!familyId) return <FamiliesPage me={me} />;
      // A new key per family: nothing of one family's screen carries over to the next.
      // Helpers keep their families on the phone: their page reads it (and works offline).
      return usesOfflineStore(me) ? <HelperFamilyPage key={familyId} me={me} id={familyId} /> : <FamilyPage key={familyId} me={me} id={familyId} />;
    }
    case 'myFamilies':
      return <MyFamiliesPage />;
    case 'calendar':
      return <CalendarPage me={me} />;
    case 'referrals': {
      const referralId = referralIdOf(path);
      return referralId ? <ReferralCasePage key={referralId} me={me} id={referralId} /> : <ReferralsPage me={me} />;
    }
    case 'commissions': {
      const meetingId = meetingIdOf(path);
      if (meetingId) return <MeetingPage key={meetingId} me={me} id={meetingId} />;
      const commissionId = commissionIdOf(path);
      return commissionId ? <CommissionPage key={commissionId} me={me} id={commissionId} /> : <CommissionsPage me={me} />;
    }
    case 'programs': {
      const programId = programIdOf(path);
      return programId ? <ProgramPage key={programId} me={me} id={programId} /> : <ProgramsPage me={me} />;
    }
    case 'resources':
      return <ResourcesPage me={me} />;
    case 'courses': {
      const courseId = courseIdOf(path);
      return courseId ? <CoursePage key={courseId} me={me} id={courseId} /> : <CoursesPage me={me} />;
    }
    case 'helpers': {
      const helperId = helperIdOf(path);
      return helperId ? <HelperPage key={helperId} me={me} id={helperId} /> : <HelpersPage me={me} />;
    }
    case 'programRules':
      return <ProgramRulesPage />;
    case 'centers':
      return <CentersPage me={me} />;
    case 'users':
      return <UsersPage me={me} />;
    case 'instruments': {
      const instrumentId = instrumentIdOf(path);
      return instrumentId ? <InstrumentPage key={instrumentId} me={me} id={instrumentId} /> : <InstrumentsPage me={me} />;
    }
    case 'reports':
      return <ReportsPage me={me} />;
    case 'account':
      return <AccountPage me={me} />;
  }
}
