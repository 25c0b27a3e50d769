// One labelled value of a record's details, inside a <dl>: the label as
// <dt>, the value as <dd>.
import type { ReactNode } from 'react';
import { Stack, Text } from '@mantine/core';

export function InfoItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </Stack>
  );
}
