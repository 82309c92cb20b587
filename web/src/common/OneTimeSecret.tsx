import { ActionIcon, Alert, CopyButton, Group, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { WARNING } from './colours';

/**
 * A secret the API returns once (a one-time password, an API token, a webhook's signing key, a calendar-feed
 * URL): in a read-only field named `label`, with a copy button and the warning that it cannot be shown again.
 * The page keeps it in memory only until the person closes the panel or dialog that shows it.
 */
export function OneTimeSecret({ label, value, children }: { label: string; value: string; children?: ReactNode }): ReactNode {
  return (
    <Alert color={WARNING} variant="outline" title={`${label}: shown only this once`}>
      <Stack gap="xs">
        <Text size="sm">Copy it now; it cannot be shown again. {children}</Text>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <Textarea
            label={label}
            value={value}
            readOnly
            autosize
            minRows={1}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', overflowWrap: 'anywhere' } }}
            style={{ flex: 1 }}
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                <ActionIcon variant="outline" onClick={copy} aria-label={copied ? `${label} copied` : `Copy the ${label.toLowerCase()}`} size="lg" mb={2}>
                  <span aria-hidden>{copied ? '✓' : '⧉'}</span>
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
