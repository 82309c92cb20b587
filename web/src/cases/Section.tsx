import { Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled part of a case page (h2, labelled region). */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }): ReactNode {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </section>
  );
}
