// A titled list of what is due (overdue, today's, coming up): the caller
// renders each item (with actions on a family's page, with the family's
// link on the calendar page).
import type { ReactNode } from 'react';
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';

export function DueList<T extends { id: string }>({
  title,
  empty,
  items,
  render,
  color = 'blue',
  headingLevel = 3,
}: {
  title: string;
  empty: string;
  items: readonly T[];
  render: (item: T) => ReactNode;
  color?: string;
  headingLevel?: 2 | 3 | 4;
}) {
  const lang = useLang();
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Group gap="xs">
        <Title order={headingLevel} size="h5">
          {title}
        </Title>
        {items.length > 0 && (
          <Badge color={color} variant="light">
            {formatNumber(items.length, lang)}
          </Badge>
        )}
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={title}>
          {items.map((item) => (
            <Card component="li" key={item.id} withBorder padding="sm">
              {render(item)}
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
