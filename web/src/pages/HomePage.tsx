import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can, type Me } from '../data';
import { linkProps } from '../router';
import { usePageTitle } from '../lib/usePageTitle';
import { allowedSections } from '../components/Shell';
import { MyFamiliesHomeCard } from './myFamilies/HomeCard';
import { AgendaCard } from './assistance/AgendaCard';

export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('nav.home'));
  const cards = allowedSections(me).filter((s) => s.key !== 'home');
  const descriptions = {
    families: t('home.familiesDesc'),
    helpers: t('helpers.homeDesc'),
    programRules: t('programRules.homeDesc'),
    myFamilies: t('home.myFamiliesDesc'),
    calendar: t('home.calendarDesc'),
    referrals: t('home.referralsDesc'),
    commissions: t('home.commissionsDesc'),
    programs: t('home.programsDesc'),
    resources: t('home.resourcesDesc'),
    courses: t('home.coursesDesc'),
    centers: t('home.centersDesc'),
    users: t('home.usersDesc'),
    instruments: t('home.instrumentsDesc'),
    reports: t('home.reportsDesc'),
    account: t('home.accountDesc'),
  } as const;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('home.greeting', { name: me.user.display_name })}
        </Title>
        <Text c="dimmed">{t(`roles.${me.user.role}`)}</Text>
        {me.center && <Text>{t('home.center', { name: me.center.name })}</Text>}
        {me.headquarters && <Text>{t('home.headquarters', { name: me.headquarters.name })}</Text>}
      </Stack>
      {/* A helper's day starts with their families. */}
      {can(me, 'my.families') && <MyFamiliesHomeCard />}
      {/* What is due: today's activities, what is late, referrals to answer. */}
      {(can(me, 'assistance.work') || can(me, 'referrals.read')) && <AgendaCard me={me} />}
      <Title order={2} size="h4">
        {t('home.sections')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {cards.map((s) =>
          s.key === 'home' ? null : (
            <Card key={s.key} component="a" {...linkProps(s.path)} withBorder shadow="xs" padding="lg">
              <Text fw={700} size="lg" c="teal.9">
                {t(`nav.${s.key}`)}
              </Text>
              <Text size="sm" c="dimmed">
                {descriptions[s.key]}
              </Text>
            </Card>
          ),
        )}
      </SimpleGrid>
    </Stack>
  );
}
