import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { ResponsiveList } from './ResponsiveList';

const items = [
  { id: 'a', name: 'مرکز یک' },
  { id: 'b', name: 'مرکز دو' },
];

function renderList(list: typeof items) {
  return render(
    <MantineProvider env="test">
      <ResponsiveList
        items={list}
        itemKey={(i) => i.id}
        label="مراکز"
        columns={[
          { header: 'شناسه', cell: (i) => i.id },
          { header: 'نام', cell: (i) => i.name },
        ]}
        card={(i) => i.name}
      />
    </MantineProvider>,
  );
}

describe('ResponsiveList', () => {
  it('is a table with a header per column and a row per item on a wide screen', () => {
    renderList(items);
    const table = screen.getByRole('table', { name: 'مراکز' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['شناسه', 'نام']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['a', 'مرکز یک'],
      ['b', 'مرکز دو'],
    ]);
  });

  it('renders nothing for no items', () => {
    renderList([]);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
