import { Alert, Anchor, Button, Checkbox, Fieldset, Grid, Group, List, MultiSelect, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { notifyError } from '../api/errors';
import { SUCCESS } from '../common/colours';
import { PageTitle } from '../common/PageTitle';
import { useToday } from '../session/use-session';
import { AssessmentPreview } from './AssessmentPreview';
import { createCase, type CaseDetail } from './cases-api';
import { CausalityMatrix, DrugFields } from './IntakeDrugs';
import { ReactionFields } from './IntakeReactions';
import { PatientFields, ReportFields, ReporterFields } from './IntakeReport';
import { formErrors, initialValues, SPECIAL_SITUATIONS, toBody, type IntakeValues } from './intake-form';

/** After saving: the case's id and status, and the possible duplicates the API found, with their scores. */
function Logged({ detail, onAnother }: { detail: CaseDetail; onAnother: () => void }): ReactNode {
  const duplicates = detail.possibleDuplicates ?? [];
  return (
    <Stack>
      <Alert color={SUCCESS} variant="outline" title={`Case ${detail.safetyReportId} logged`} role="status">
        <Text size="sm">
          Status: {detail.status}.{' '}
          {detail.clocks[0] === undefined ? 'No reporting clock.' : `Reporting clock due ${detail.clocks[0].dueOn} (${detail.clocks[0].ruleId}).`}
        </Text>
        <Anchor component={Link} to={`/cases/${detail.id}`}>
          Open case {detail.safetyReportId}
        </Anchor>
      </Alert>
      <section aria-labelledby="duplicates-title">
        <Text component="h2" fw={700} id="duplicates-title">
          Possible duplicates
        </Text>
        {duplicates.length === 0 ? (
          <Text size="sm">None found among the product’s cases.</Text>
        ) : (
          <List size="sm" aria-label="Possible duplicates">
            {duplicates.map((d) => (
              <List.Item key={d.caseId}>
                <Anchor component={Link} to={`/cases/${d.caseId}`}>
                  {d.safetyReportId}
                </Anchor>{' '}
                — score {d.score}
                {d.certain ? ' (certain: same identifier)' : ''}; matching {d.matched.join(', ') || 'nothing'}; conflicting {d.conflicting.join(', ') || 'nothing'}
              </List.Item>
            ))}
          </List>
        )}
      </section>
      <Group>
        <Button variant="light" onClick={onAnother}>
          Log another case
        </Button>
      </Group>
    </Stack>
  );
}

/** Log a case in a form organised like the report; the assessment it would get is shown while typing. */
export default function LogCasePage(): ReactNode {
  const today = useToday();
  const queryClient = useQueryClient();
  const [logged, setLogged] = useState<CaseDetail | null>(null);
  const form = useForm<IntakeValues>({ initialValues: initialValues(today) });

  const submit = form.onSubmit(async (values) => {
    try {
      const detail = await createCase(toBody(values));
      await queryClient.invalidateQueries({ queryKey: ['safety-cases'] });
      setLogged(detail);
      form.reset();
    } catch (error) {
      const errors = formErrors(error, values);
      const shown = Object.keys(errors).filter((path) => path.split('.')[0]! in values);
      form.setErrors(Object.fromEntries(shown.map((path) => [path, errors[path]])));
      if (shown.length === 0 || shown.length < Object.keys(errors).length) {
        notifyError(error, 'The case was not saved');
      }
    }
  });

  return (
    <>
      <PageTitle title="Log a case">Log a case</PageTitle>
      {logged !== null ? (
        <Logged detail={logged} onAnother={() => setLogged(null)} />
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <form onSubmit={submit} noValidate aria-label="Log a case">
              <Stack gap="md">
                <ReportFields form={form} />
                <ReporterFields form={form} />
                <PatientFields form={form} />
                <ReactionFields form={form} />
                <DrugFields form={form} />
                <CausalityMatrix form={form} />
                <Fieldset legend="Narrative and special situations">
                  <Textarea label="Narrative" autosize minRows={4} {...form.getInputProps('narrative')} />
                  <Checkbox mt="sm" label="Lack of efficacy" {...form.getInputProps('lackOfEfficacy', { type: 'checkbox' })} />
                  <MultiSelect mt="sm" label="Special situations" data={SPECIAL_SITUATIONS.map((value) => ({ value, label: value.replace(/-/g, ' ') }))} {...form.getInputProps('specialSituations')} />
                </Fieldset>
                <Group justify="flex-end">
                  <Button type="submit" loading={form.submitting}>
                    Save the case
                  </Button>
                </Group>
              </Stack>
            </form>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <div style={{ position: 'sticky', top: 16 }}>
              <AssessmentPreview values={form.values} />
            </div>
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
