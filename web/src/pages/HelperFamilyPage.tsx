// A helper's family (`/families/{id}` for users with a device store): read
// from the phone, so it works without a connection, and every change goes
// to the outbox (applied here at once, sent with the next sync). What needs
// the server (its conflicts, the history) says so when it cannot be reached.
//
// Which page: with the store open, this one. With the store closed (the page
// was reloaded online and the password not given yet) the online family page,
// with the password asked above it; a family the phone does not hold yet
// (just assigned, first sync running) is shown online too, while a sync
// brings it.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FamilyDetail, Member, MemberInput, SyncConflict } from '../api/types';
import type { Me } from '../data';
import {
  dismissLocalProblem,
  enqueueMutation,
  syncNow,
  unlockDevice,
  useSyncStatus,
  uuidv7,
  type LocalRecord,
} from '../offline';
import { errorMessage } from '../i18n/errors';
import { formatNumber, type Lang } from '../lib/locale';
import { maskNationalId } from '../lib/nationalId';
import { notify } from '../lib/notify';
import { useIsPhone } from '../lib/useIsPhone';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps } from '../router';
import { InfoItem } from '../components/InfoItem';
import { LoadState } from '../components/LoadState';
import { ResponsiveList } from '../components/ResponsiveList';
import { TierBadge } from '../components/TierBadge';
import { PendingMark } from '../components/sync/PendingMark';
import { ProblemItem } from '../components/sync/ProblemList';
import { UnlockForm } from '../components/sync/UnlockForm';
import { FamilyPage } from './FamilyPage';
import { FamilyConflicts } from './families/FamilyConflicts';
import { FamilyHistory } from './families/FamilyHistory';
import { MemberForm } from './families/MemberForm';
import { birthWithAge, digitsFor, fullName } from './families/format';
import { HouseholdForm } from './helperFamily/HouseholdForm';
import { LocalAssessments } from './helperFamily/LocalAssessments';
import { LocalAssistanceSection } from './helperFamily/LocalAssistanceSection';
import { useOfflineAssistance } from './helperFamily/offlineAssistance';
import { memberChanges, newMember } from './helperFamily/changes';
import { useLocalFamily, useMemberNames, type LocalFamilyData } from './helperFamily/useLocalFamily';

export function HelperFamilyPage({ me, id }: { me: Me; id: string }) {
  const s = useSyncStatus();
  // No store on this phone: the online page is all there is.
  if (!s.active || s.needsLogin) return <FamilyPage me={me} id={id} />;
  if (s.lock === 'closed') {
    return (
      <Stack gap="lg">
        <StoreClosed />
        <FamilyPage me={me} id={id} />
      </Stack>
    );
  }
  // Open, or locked with the lock screen over it: the page stays (and what is typed in it).
  return <LocalFamilyPage me={me} id={id} />;
}

/** The store's key is not in memory: the password opens it, here, without leaving the page. */
export function StoreClosed() {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light">
      <Stack gap="xs">
        <Text size="sm">{t('offlineFamily.locked')}</Text>
        <UnlockForm submitLabel={t('sync.unlock')} onUnlock={async (password) => void (await unlockDevice(password))} />
      </Stack>
    </Alert>
  );
}

function LocalFamilyPage({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const s = useSyncStatus();
  const res = useLocalFamily(id);
  // Not on the phone (yet): the online page for this visit, while a sync brings it.
  const [online, setOnline] = useState(false);
  const missing = res.data === null;
  useEffect(() => {
    if (!missing) return;
    if (s.online) {
      setOnline(true);
      void syncNow();
    }
  }, [missing, s.online]);
  usePageTitle(res.data?.family.value.family_name ?? t('family.title'));

  const back = (
    <Anchor {...linkProps('/my-families')} size="sm">
      {t('offlineFamily.backToMine')}
    </Anchor>
  );

  if (online) return <FamilyPage me={me} id={id} />;
  if (res.data === null) {
    return (
      <Stack gap="lg">
        {back}
        <Alert color="orange" variant="light" title={t('offlineFamily.notHere')}>
          {t('offlineFamily.notHereHint')}
        </Alert>
      </Stack>
    );
  }
  if (!res.data) {
    return (
      <Stack gap="lg">
        {back}
        {res.error != null ? (
          <Alert color="red" variant="light" role="alert">
            {t('offlineFamily.loadFailed', { error: errorMessage(res.error, t, lang) })}
          </Alert>
        ) : (
          <LoadState loading error={null} onRetry={res.reload} />
        )}
      </Stack>
    );
  }
  return <LocalFamily data={res.data} back={back} />;
}

type Dialog = { kind: 'household' } | { kind: 'addMember' } | { kind: 'editMember'; member: Member } | null;

function phonesText(phones: readonly string[], lang: Lang, none: string): ReactNode {
  if (phones.length === 0) return none;
  return phones.map((p, i) => (
    <span key={i}>
      {i > 0 && (lang === 'fa' ? '، ' : ', ')}
      <span className="ltr">{digitsFor(p, lang)}</span>
    </span>
  ));
}

function LocalFamily({ data, back }: { data: LocalFamilyData; back: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const s = useSyncStatus();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useState<string | null>('members');
  const [serverConflicts, setServerConflicts] = useState<ReadonlySet<string>>(new Set());
  const family = data.family.value;
  const familyId = data.family.id;
  const members = data.members;
  const memberNames = useMemberNames(members);
  const assistance = useOfflineAssistance(familyId);
  // What a conflict may be about: a member, or a goal or activity of the plan (by its title).
  const recordNames = useMemo(() => {
    const a = assistance.data?.source.assistance;
    const names = new Map(memberNames);
    for (const g of a?.goals ?? []) names.set(g.id, g.title);
    for (const x of a?.activities ?? []) names.set(x.id, x.title);
    return names;
  }, [memberNames, assistance.data]);
  const none = t('common.none');
  const head = members.find((m) => m.value.relation === 'head')?.value;
  const close = () => setDialog(null);

  async function saveMember(body: MemberInput, loaded: Member | null): Promise<Member> {
    if (!loaded) {
      const memberId = uuidv7();
      await enqueueMutation({ entity: 'family_member', entity_id: memberId, family_id: familyId, op: 'create', fields: { ...body } });
      return newMember(memberId, familyId, body, new Date().toISOString());
    }
    const fields = memberChanges(loaded, body);
    if (Object.keys(fields).length > 0) {
      await enqueueMutation({ entity: 'family_member', entity_id: loaded.id, family_id: familyId, op: 'update', fields });
    }
    return { ...loaded, ...fields } as Member;
  }

  // The phone's own list of what went wrong with its edits, less the conflicts the server lists above with their actions.
  const problems = data.problems.filter((p) => !(p.kind === 'conflict' && serverConflicts.has(p.id)));

  const memberActions = (m: LocalRecord<Member>) => (
    <Button variant="light" size="compact-sm" onClick={() => setDialog({ kind: 'editMember', member: m.value })} aria-label={t('offlineFamily.editMemberOf', { name: fullName(m.value) })}>
      {t('member.edit')}
    </Button>
  );
  const nameCell = (m: LocalRecord<Member>) => (
    <Group gap={6} wrap="wrap">
      <Text fw={600}>{fullName(m.value)}</Text>
      {m.value.relation === 'head' && (
        <Badge size="sm" variant="light">
          {t('enums.relation.head')}
        </Badge>
      )}
      {m.pending && <PendingMark />}
    </Group>
  );
  const mobile = (m: Member) => (m.mobile ? <span className="ltr">{digitsFor(m.mobile, lang)}</span> : none);
  const nationalId = (m: Member) => (m.national_id ? <span className="ltr">{digitsFor(maskNationalId(m.national_id), lang)}</span> : none);
  const detail: FamilyDetail = { ...family, members: members.map((m) => m.value) };
  const assistanceMembers = detail.members;

  return (
    <Stack gap="lg">
      {back}
      {!s.online && (
        <Alert color="gray" variant="light" role="status">
          {t('offlineFamily.offlineNotice')}
        </Alert>
      )}
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1} size="h2">
            {family.family_name}
          </Title>
          <TierBadge tier={family.tier} />
        </Group>
        <Text c="dimmed">
          {t('families.headName')}: {head ? fullName(head) : family.head_name || none}
          {t('common.separator')}
          {t('families.members', { n: formatNumber(members.length, lang) })}
        </Text>
        {data.pending > 0 && (
          <Text size="sm" fw={600} c="#8f3604">
            {t('offlineFamily.pendingAll', { n: formatNumber(data.pending, lang) })}
          </Text>
        )}
      </Stack>

      <Card withBorder padding="md" component="section" aria-labelledby="family-details">
        <Stack gap="sm">
          <Group justify="space-between" align="center">
            <Group gap={6}>
              <Title order={2} size="h4" id="family-details">
                {t('offlineFamily.details')}
              </Title>
              {data.family.pending && <PendingMark />}
            </Group>
            <Button variant="light" size="compact-md" onClick={() => setDialog({ kind: 'household' })}>
              {t('offlineFamily.editHousehold')}
            </Button>
          </Group>
          <SimpleGrid component="dl" m={0} cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="sm">
            <InfoItem label={t('fields.neighborhood')}>{family.neighborhood || none}</InfoItem>
            <InfoItem label={t('fields.address')}>{family.address ? digitsFor(family.address, lang) : none}</InfoItem>
            <InfoItem label={t('fields.phones')}>{phonesText(family.phones ?? [], lang, none)}</InfoItem>
            <InfoItem label={t('fields.housing')}>{t(`enums.housing.${family.housing}`, { defaultValue: family.housing })}</InfoItem>
          </SimpleGrid>
        </Stack>
      </Card>

      <FamilyConflicts
        familyId={familyId}
        memberNames={recordNames}
        refreshKey={`${s.lastSyncAt ?? ''}|${s.online}`}
        onLoaded={(items: SyncConflict[]) => setServerConflicts(new Set(items.map((c) => c.id)))}
        onResolved={(c) => {
          // The phone's copy of it is settled too; a restore changed a record: fetch it.
          void dismissLocalProblem(c.id);
          void syncNow();
        }}
      />

      {problems.length > 0 && (
        <Card withBorder padding="md" component="section" aria-labelledby="device-problems">
          <Stack gap="sm">
            <Title order={2} size="h4" id="device-problems">
              {t('offlineFamily.problems')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('sync.problemsHint')}
            </Text>
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {problems.map((p) => (
                <ProblemItem key={p.id} problem={p} family={undefined} onDismiss={() => void dismissLocalProblem(p.id)} />
              ))}
            </Stack>
          </Stack>
        </Card>
      )}

      <LocalAssessments familyId={familyId} data={data} online={s.online} />

      {/* Services, the plan and referrals: written on the phone, sent with the next sync. */}
      <LocalAssistanceSection familyId={familyId} familyName={family.family_name} members={assistanceMembers} res={assistance} />

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="members">{t('family.membersTab')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('history.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members" pt="md">
          <Stack gap="sm">
            <Group justify="flex-end">
              <Button onClick={() => setDialog({ kind: 'addMember' })}>{t('member.add')}</Button>
            </Group>
            {members.length === 0 && <Text c="dimmed">{t('family.noMembers')}</Text>}
            <ResponsiveList
              items={members}
              itemKey={(m) => m.id}
              label={t('family.membersList')}
              minWidth={860}
              columns={[
                { header: t('fields.name'), cell: nameCell },
                { header: t('fields.relation'), cell: (m) => t(`enums.relation.${m.value.relation}`) },
                { header: t('fields.sex'), cell: (m) => t(`enums.sex.${m.value.sex}`) },
                { header: t('fields.birth_date'), cell: (m) => birthWithAge(m.value.birth_date, t, lang) },
                { header: t('fields.national_id'), cell: (m) => nationalId(m.value) },
                { header: t('fields.mobile'), cell: (m) => mobile(m.value) },
                { header: t('common.actions'), cell: memberActions },
              ]}
              card={(m) => (
                <Stack gap={4}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    {nameCell(m)}
                    {memberActions(m)}
                  </Group>
                  <Text size="sm">{[t(`enums.relation.${m.value.relation}`), t(`enums.sex.${m.value.sex}`)].join(t('common.separator'))}</Text>
                  <Text size="sm">
                    {t('fields.birth_date')}: {birthWithAge(m.value.birth_date, t, lang)}
                  </Text>
                  <Text size="sm">
                    {t('fields.national_id')}: {nationalId(m.value)}
                  </Text>
                  <Text size="sm">
                    {t('fields.mobile')}: {mobile(m.value)}
                  </Text>
                </Stack>
              )}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          {s.online ? (
            <FamilyHistory family={detail} />
          ) : (
            <Text c="dimmed" size="sm">
              {t('offlineFamily.needsNetwork')}
            </Text>
          )}
        </Tabs.Panel>
      </Tabs>

      <Modal
        opened={dialog !== null}
        onClose={close}
        fullScreen={phone && dialog?.kind !== 'household'}
        size={dialog?.kind === 'household' ? 'md' : 'xl'}
        title={
          dialog?.kind === 'household'
            ? t('offlineFamily.editHouseholdTitle', { name: family.family_name })
            : dialog?.kind === 'addMember'
              ? t('member.addTitle', { family: family.family_name })
              : dialog?.kind === 'editMember'
                ? t('member.editTitle', { name: fullName(dialog.member) })
                : ''
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog?.kind === 'household' && (
          <HouseholdForm
            family={family}
            onCancel={close}
            onSubmit={async (changes) => {
              await enqueueMutation({ entity: 'family', entity_id: familyId, family_id: familyId, op: 'update', fields: changes });
            }}
            onDone={(changed) => {
              close();
              notify({ color: changed ? 'teal' : 'blue', message: changed ? t('offlineFamily.savedLocal') : t('offlineFamily.nothingChanged') });
            }}
          />
        )}
        {(dialog?.kind === 'addMember' || dialog?.kind === 'editMember') && (
          <MemberForm
            key={dialog.kind === 'editMember' ? dialog.member.id : 'new'}
            familyId={familyId}
            member={dialog.kind === 'editMember' ? dialog.member : null}
            onCancel={close}
            onSubmit={saveMember}
            onSaved={(m) => {
              close();
              const changed = dialog.kind === 'addMember' || JSON.stringify(m) !== JSON.stringify(dialog.member);
              notify({ color: changed ? 'teal' : 'blue', message: changed ? t('offlineFamily.savedLocal') : t('offlineFamily.nothingChanged') });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
