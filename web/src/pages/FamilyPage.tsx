// One family: its details, its tier and assessments, members, history and
// (for managers) who looked.
import { useEffect, useMemo, useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Menu, Modal, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { notify } from '../lib/notify';
import { useTranslation } from 'react-i18next';
import { can, getFamily, useResource, type Family, type FamilyDetail, type Me, type Member } from '../data';
import { formatDate } from '../lib/jalali';
import { formatNumber, type Lang } from '../lib/locale';
import { maskNationalId } from '../lib/nationalId';
import { useIsPhone } from '../lib/useIsPhone';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps } from '../router';
import { InfoItem } from '../components/InfoItem';
import { LoadState } from '../components/LoadState';
import { ResponsiveList } from '../components/ResponsiveList';
import { FamilyForm } from './families/FamilyForm';
import { MemberForm } from './families/MemberForm';
import { MakeHead, MoveMember, RemoveMember } from './families/MemberActions';
import { FamilyAccessLog, FamilyHistory } from './families/FamilyHistory';
import { birthWithAge, digitsFor, fullName } from './families/format';
import { familiesListPath } from './families/listState';
import { StatusBadge } from './families/StatusBadge';
import { FamilyAssessments } from './assessments/FamilyAssessments';
import { FamilyHelper } from './families/FamilyHelper';
import { FamilyConflicts } from './families/FamilyConflicts';
import { FamilyOfflineEdits } from './families/FamilyOfflineEdits';
import { OnlineFamilyAssistance } from './assistance/OnlineFamilyAssistance';
import { TierBadge } from '../components/TierBadge';
import { FamilyPrograms } from './programs/FamilyPrograms';

type Dialog =
  | { kind: 'editFamily' }
  | { kind: 'addMember' }
  | { kind: 'editMember'; member: Member }
  | { kind: 'removeMember'; member: Member }
  | { kind: 'makeHead'; member: Member }
  | { kind: 'moveMember'; member: Member }
  | null;

function Phones({ phones, lang, none }: { phones: string[]; lang: Lang; none: string }) {
  if (phones.length === 0) return <>{none}</>;
  return (
    <>
      {phones.map((p, i) => (
        <span key={i}>
          {i > 0 && (lang === 'fa' ? '، ' : ', ')}
          <span className="ltr">{digitsFor(p, lang)}</span>
        </span>
      ))}
    </>
  );
}

/** The national ID hidden but for its last four digits, with a button to show it whole. */
function NationalIdCell({ member, revealed, onToggle }: { member: Member; revealed: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!member.national_id) return <>{t('common.none')}</>;
  const name = fullName(member);
  return (
    <Group gap={6} wrap="nowrap">
      <span className="ltr">{digitsFor(revealed ? member.national_id : maskNationalId(member.national_id), lang)}</span>
      <Button
        variant="subtle"
        size="compact-xs"
        onClick={onToggle}
        aria-pressed={revealed}
        aria-label={revealed ? t('member.hideNationalIdOf', { name }) : t('member.showNationalIdOf', { name })}
      >
        {revealed ? t('member.hideNationalId') : t('member.showNationalId')}
      </Button>
    </Group>
  );
}

export function FamilyPage({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const resource = useResource(() => getFamily(id), [id]);
  // The family on screen: what the server sent, updated in place by the answers of changes.
  const [family, setFamily] = useState<FamilyDetail | undefined>(undefined);
  useEffect(() => setFamily(resource.data), [resource.data]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useState<string | null>('members');
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  usePageTitle(family?.family_name ?? t('family.title'));
  const isManager = me.user.role === 'center_manager';
  // Conflicts of offline edits: the center's manager and the family's helper see them (docs/sync.md).
  const seesSyncRecords = isManager || me.user.role === 'helper';
  const memberNames = useMemo(() => new Map((family?.members ?? []).map((m) => [m.id, fullName(m)])), [family?.members]);
  const none = t('common.none');

  const close = () => setDialog(null);
  const done = (message: string) => notify({ color: 'teal', message });
  const toggleReveal = (memberId: string) =>
    setRevealed((old) => {
      const next = new Set(old);
      if (next.has(memberId)) next.delete(memberId);
      else next.add(memberId);
      return next;
    });

  const back = (
    <Anchor {...linkProps(familiesListPath())} size="sm">
      {t('family.backToList')}
    </Anchor>
  );

  if (!family) {
    return (
      <Stack gap="lg">
        {back}
        <LoadState loading={resource.loading} error={resource.error} onRetry={resource.reload} />
      </Stack>
    );
  }

  const memberActions = (m: Member) => {
    const isHead = m.id === family.head_member_id || m.relation === 'head';
    return (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="light" size="compact-sm" aria-label={t('member.actionsFor', { name: fullName(m) })}>
            {t('common.actions')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => setDialog({ kind: 'editMember', member: m })}>{t('member.edit')}</Menu.Item>
          {!isHead && <Menu.Item onClick={() => setDialog({ kind: 'makeHead', member: m })}>{t('member.makeHead')}</Menu.Item>}
          {!isHead && <Menu.Item onClick={() => setDialog({ kind: 'moveMember', member: m })}>{t('member.move')}</Menu.Item>}
          {!isHead && (
            <Menu.Item color="red" onClick={() => setDialog({ kind: 'removeMember', member: m })}>
              {t('member.remove')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    );
  };

  const nameCell = (m: Member) => {
    const extras = (
      [
        ['father_name', m.father_name],
        ['education', m.education],
        ['occupation', m.occupation],
        ['health', m.health],
        ['disability', m.disability],
        ['insurance', m.insurance],
      ] as const
    ).filter(([, v]) => v);
    // Columns of an imported list Hamyar has no field for.
    const more = Object.entries(m.extra ?? {}).filter(([, v]) => v);
    return (
      <Stack gap={2}>
        <Group gap={6} wrap="nowrap">
          <Text fw={600}>{fullName(m)}</Text>
          {m.relation === 'head' && (
            <Badge size="sm" variant="light">
              {t('enums.relation.head')}
            </Badge>
          )}
        </Group>
        {extras.length + more.length > 0 && (
          <Text size="xs" c="dimmed">
            {[...extras.map(([k, v]) => `${t(`fields.${k}`)}: ${digitsFor(v, lang)}`), ...more.map(([k, v]) => `${k}: ${digitsFor(v, lang)}`)].join(
              t('common.separator'),
            )}
          </Text>
        )}
      </Stack>
    );
  };

  const enumText = (m: Member) =>
    [t(`enums.relation.${m.relation}`), t(`enums.sex.${m.sex}`), m.marital_status !== 'unknown' ? t(`enums.maritalStatus.${m.marital_status}`) : null]
      .filter(Boolean)
      .join(t('common.separator'));

  const dialogTitle = (() => {
    switch (dialog?.kind) {
      case 'editFamily':
        return t('family.editTitle', { name: family.family_name });
      case 'addMember':
        return t('member.addTitle', { family: family.family_name });
      case 'editMember':
        return t('member.editTitle', { name: fullName(dialog.member) });
      case 'removeMember':
        return t('member.removeTitle', { name: fullName(dialog.member) });
      case 'makeHead':
        return t('member.makeHeadTitle', { name: fullName(dialog.member) });
      case 'moveMember':
        return t('member.moveTitle', { name: fullName(dialog.member) });
      default:
        return '';
    }
  })();
  const bigDialog = dialog?.kind === 'editFamily' || dialog?.kind === 'addMember' || dialog?.kind === 'editMember' || dialog?.kind === 'moveMember';

  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {family.family_name}
            </Title>
            <StatusBadge status={family.status} />
            <TierBadge tier={family.tier} />
          </Group>
          <Text c="dimmed">
            {t('families.headName')}: {family.head_name || none}
            {t('common.separator')}
            {t('families.members', { n: formatNumber(family.member_count, lang) })}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button variant="light" onClick={() => setDialog({ kind: 'editFamily' })}>
            {t('family.edit')}
          </Button>
          <Button onClick={() => setDialog({ kind: 'addMember' })}>{t('member.add')}</Button>
        </Group>
      </Group>

      <Card withBorder padding="md">
        <SimpleGrid component="dl" m={0} cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="sm">
          <InfoItem label={t('fields.neighborhood')}>{family.neighborhood || none}</InfoItem>
          <InfoItem label={t('fields.address')}>{family.address ? digitsFor(family.address, lang) : none}</InfoItem>
          <InfoItem label={t('fields.phones')}>
            <Phones phones={family.phones} lang={lang} none={none} />
          </InfoItem>
          <InfoItem label={t('fields.housing')}>{t(`enums.housing.${family.housing}`, { defaultValue: family.housing })}</InfoItem>
          <InfoItem label={t('fields.sources')}>
            {family.sources.length === 0
              ? none
              : family.sources.map((s) => (s.reference ? `${s.organization} (${digitsFor(s.reference, lang)})` : s.organization)).join(lang === 'fa' ? '، ' : ', ')}
          </InfoItem>
          <InfoItem label={t('fields.consent_on')}>{family.consent_on ? formatDate(family.consent_on, lang) : t('family.noConsent')}</InfoItem>
          {family.status !== 'active' && <InfoItem label={t('fields.status_reason')}>{family.status_reason || none}</InfoItem>}
        </SimpleGrid>
      </Card>

      {seesSyncRecords && (
        <FamilyConflicts familyId={family.id} memberNames={memberNames} onResolved={(_c, resolution) => resolution === 'restore' && resource.reload()} />
      )}
      {isManager && <FamilyOfflineEdits familyId={family.id} memberNames={memberNames} />}

      <FamilyAssessments me={me} family={family} />

      <FamilyHelper me={me} family={family} />

      {/* Focused assistance: services, the plan and its calendar, referrals (read by all who see the family; the server says who may write). */}
      <OnlineFamilyAssistance familyId={family.id} familyName={family.family_name} members={family.members} />

      {/* General assistance: the group programs its members took part in. */}
      {can(me, 'programs.read') && <FamilyPrograms familyId={family.id} members={family.members} />}

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="members">{t('family.membersTab')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('history.title')}</Tabs.Tab>
          {isManager && <Tabs.Tab value="access">{t('access.title')}</Tabs.Tab>}
        </Tabs.List>

        <Tabs.Panel value="members" pt="md">
          {family.members.length === 0 && <Text c="dimmed">{t('family.noMembers')}</Text>}
          <ResponsiveList
            items={family.members}
            itemKey={(m) => m.id}
            label={t('family.membersList')}
            minWidth={960}
            columns={[
              { header: t('fields.name'), cell: nameCell },
              { header: t('fields.relation'), cell: (m) => t(`enums.relation.${m.relation}`) },
              { header: t('fields.sex'), cell: (m) => t(`enums.sex.${m.sex}`) },
              { header: t('fields.marital_status'), cell: (m) => t(`enums.maritalStatus.${m.marital_status}`) },
              { header: t('fields.birth_date'), cell: (m) => birthWithAge(m.birth_date, t, lang) },
              {
                header: t('fields.national_id'),
                cell: (m) => <NationalIdCell member={m} revealed={revealed.has(m.id)} onToggle={() => toggleReveal(m.id)} />,
              },
              { header: t('fields.mobile'), cell: (m) => (m.mobile ? <span className="ltr">{digitsFor(m.mobile, lang)}</span> : none) },
              { header: t('common.actions'), cell: memberActions },
            ]}
            card={(m) => (
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  {nameCell(m)}
                  {memberActions(m)}
                </Group>
                <Text size="sm">{enumText(m)}</Text>
                <Text size="sm">
                  {t('fields.birth_date')}: {birthWithAge(m.birth_date, t, lang)}
                </Text>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm">{t('fields.national_id')}:</Text>
                  <Text size="sm" component="div">
                    <NationalIdCell member={m} revealed={revealed.has(m.id)} onToggle={() => toggleReveal(m.id)} />
                  </Text>
                </Group>
                {m.mobile && (
                  <Text size="sm">
                    {t('fields.mobile')}: <span className="ltr">{digitsFor(m.mobile, lang)}</span>
                  </Text>
                )}
              </Stack>
            )}
          />
        </Tabs.Panel>

        <Tabs.Panel value="history" pt="md">
          <FamilyHistory family={family} />
        </Tabs.Panel>

        {isManager && (
          <Tabs.Panel value="access" pt="md">
            <FamilyAccessLog familyId={family.id} />
          </Tabs.Panel>
        )}
      </Tabs>

      <Modal
        opened={dialog !== null}
        onClose={close}
        fullScreen={phone && bigDialog}
        size={bigDialog ? 'xl' : 'md'}
        title={dialogTitle}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog?.kind === 'editFamily' && (
          <FamilyForm
            family={family}
            onCancel={close}
            onSaved={(saved: Family) => {
              setFamily((old) => (old ? { ...old, ...saved } : old));
              close();
              done(t('family.updated', { name: saved.family_name }));
            }}
            onReloaded={setFamily}
          />
        )}
        {(dialog?.kind === 'addMember' || dialog?.kind === 'editMember') && (
          <MemberForm
            key={dialog.kind === 'editMember' ? dialog.member.id : 'new'}
            familyId={family.id}
            member={dialog.kind === 'editMember' ? dialog.member : null}
            onCancel={close}
            onSaved={(m) => {
              close();
              resource.reload();
              done(dialog.kind === 'editMember' ? t('member.updated', { name: fullName(m) }) : t('member.added', { name: fullName(m) }));
            }}
            onReloaded={setFamily}
          />
        )}
        {dialog?.kind === 'removeMember' && (
          <RemoveMember
            family={family}
            member={dialog.member}
            onCancel={close}
            onStale={resource.reload}
            onDone={() => {
              close();
              resource.reload();
              done(t('member.removed', { name: fullName(dialog.member) }));
            }}
          />
        )}
        {dialog?.kind === 'makeHead' && (
          <MakeHead
            family={family}
            member={dialog.member}
            onCancel={close}
            onStale={resource.reload}
            onDone={(fresh) => {
              setFamily(fresh);
              close();
              done(t('member.headChanged', { name: fullName(dialog.member) }));
            }}
          />
        )}
        {dialog?.kind === 'moveMember' && (
          <MoveMember
            family={family}
            member={dialog.member}
            onCancel={close}
            onStale={resource.reload}
            onDone={(target) => {
              close();
              resource.reload();
              done(t('member.moved', { name: fullName(dialog.member), family: target.family_name }));
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
