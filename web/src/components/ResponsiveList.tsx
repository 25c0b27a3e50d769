import type { ReactNode } from 'react';
import { Card, Stack, Table } from '@mantine/core';
import { useIsPhone } from '../lib/useIsPhone';

export interface Column<T> {
  header: ReactNode;
  cell: (item: T) => ReactNode;
}

export interface ResponsiveListProps<T> {
  items: readonly T[];
  /** React key of an item. */
  itemKey: (item: T) => string;
  /** Accessible name of the list and of the table. */
  label: string;
  /** The table's columns, wider than a phone. */
  columns: readonly Column<T>[];
  /** What a card shows, on a phone. */
  card: (item: T) => ReactNode;
  /** Below this width (px) the table scrolls sideways. */
  minWidth?: number;
}

/**
 * A list of records: a card each on a phone, a table on wider screens.
 * Renders nothing for no items (the page says why the list is empty).
 */
export function ResponsiveList<T>({ items, itemKey, label, columns, card, minWidth = 640 }: ResponsiveListProps<T>) {
  const phone = useIsPhone();
  if (items.length === 0) return null;

  if (phone) {
    return (
      <Stack component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
        {items.map((item) => (
          <Card component="li" key={itemKey(item)} withBorder padding="md">
            {card(item)}
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={i}>{c.header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={itemKey(item)}>
              {columns.map((c, i) => (
                <Table.Td key={i}>{c.cell(item)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
