import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/** The message at the top of a form, for errors that belong to no single field. */
export function FormAlert({ message, children }: { message: string | null; children?: ReactNode }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {message}
      {children}
    </Alert>
  );
}
