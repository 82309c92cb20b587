import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled fact of a description list (`dt` + `dd`). */
export function Fact({ label, children }: { label: string; children: ReactNode }): ReactNode {
  return (
    <div>
      <Text component="dt" size="xs" fw={700} tt="uppercase" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** Facts about one record as a description list, in columns. */
export function FactList({ facts, cols = 3 }: { facts: readonly (readonly [string, ReactNode])[]; cols?: number }): ReactNode {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: cols }} spacing="md" verticalSpacing="sm" m={0}>
      {facts.map(([label, value]) => (
        <Fact key={label} label={label}>
          {value}
        </Fact>
      ))}
    </SimpleGrid>
  );
}
