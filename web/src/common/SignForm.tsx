import { Button, Group, PasswordInput, Radio, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import type { components } from '../api/schema';
import { ApiError, showFormError } from '../api/errors';
import { MEANING_LABELS } from '../products/labels';

export type Meaning = components['schemas']['SignDto']['meaning'];
export type SignBody = { meaning: Meaning; password: string; comment?: string };

/**
 * Sign electronically (POST /api/signatures, whatever is signed): the password re-entered and the meaning chosen;
 * the signature binds the content as it is now. A wrong password (or a rate limit) is said next to the password.
 */
export function SignForm({
  label,
  submitLabel,
  what,
  meanings,
  sign,
  onSigned,
}: {
  /** The form's accessible name, e.g. "Sign the milestone". */
  label: string;
  submitLabel: string;
  /** What was signed, in the confirmation ("…: approved by …"). */
  what: string;
  meanings: readonly Meaning[];
  sign: (body: SignBody) => Promise<{ meaning: Meaning; signer: { name: string } }>;
  onSigned: () => Promise<void>;
}): ReactNode {
  const form = useForm({ initialValues: { meaning: meanings.length === 1 ? (meanings[0] ?? '') : '', password: '', comment: '' } });
  const submit = form.onSubmit(async (values) => {
    try {
      const comment = values.comment.trim();
      const signature = await sign({ meaning: values.meaning as Meaning, password: values.password, ...(comment === '' ? {} : { comment }) });
      form.reset();
      notifications.show({ color: 'green', title: 'Signed', message: `${what}: ${MEANING_LABELS[signature.meaning].toLowerCase()} by ${signature.signer.name}` });
      await onSigned();
    } catch (error) {
      form.setFieldValue('password', '');
      if (error instanceof ApiError && (error.code === 'INVALID_CREDENTIALS' || error.status === 429)) {
        form.setFieldError('password', error.code === 'INVALID_CREDENTIALS' ? 'Wrong password: the signature was not given.' : error.message);
      } else {
        showFormError(form, error);
      }
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label={label} style={{ maxWidth: 560 }}>
      <Stack gap="sm">
        <Radio.Group label="Meaning of the signature" {...form.getInputProps('meaning')}>
          <Group mt={4}>
            {meanings.map((meaning) => (
              <Radio key={meaning} value={meaning} label={MEANING_LABELS[meaning]} />
            ))}
          </Group>
        </Radio.Group>
        <PasswordInput label="Your password" description="Re-enter it to sign" autoComplete="current-password" aria-invalid={form.errors.password !== undefined} {...form.getInputProps('password')} />
        <Textarea label="Comment" description="Optional" autosize minRows={1} {...form.getInputProps('comment')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
