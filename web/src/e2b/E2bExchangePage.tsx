import { Button, FileInput, Group, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { showFormError } from '../api/errors';
import { PageTitle } from '../common/PageTitle';
import { useRole } from '../session/use-session';
import { AcknowledgementsList } from './AcknowledgementsList';
import { uploadE2bFiles, type ImportReport } from './e2b-api';
import { ImportReportView } from './ImportReportView';

/** Upload E2B(R3) files (ICSR batches and acknowledgements) and read the per-file report. Safety officers and the QPPV only. */
function UploadForm({ onReport }: { onReport: (report: ImportReport) => void }): ReactNode {
  const queryClient = useQueryClient();
  const form = useForm<{ files: File[] }>({ initialValues: { files: [] }, validate: { files: (files) => (files.length === 0 ? 'Choose one or more files' : null) } });
  const submit = form.onSubmit(async ({ files }) => {
    try {
      onReport(await uploadE2bFiles(files));
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ['e2b'] });
      await queryClient.invalidateQueries({ queryKey: ['safety-cases'] });
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Group align="flex-end">
        <FileInput
          label="ICSR or acknowledgement files"
          description="E2B(R3) .xml ICSR batches or messages, .ack acknowledgements; up to 50 files"
          multiple
          clearable
          accept=".xml,.ack,application/xml,text/xml"
          w={420}
          {...form.getInputProps('files')}
        />
        <Button type="submit" loading={form.submitting}>
          Upload
        </Button>
      </Group>
    </form>
  );
}

export default function E2bExchangePage(): ReactNode {
  const role = useRole();
  const canImport = role === 'safety' || role === 'qppv';
  const [report, setReport] = useState<ImportReport | null>(null);
  return (
    <>
      <PageTitle title="E2B exchange">E2B exchange</PageTitle>
      <Stack gap="xl">
        <section aria-labelledby="e2b-upload">
          <Title order={2} id="e2b-upload" size="h3" mb="xs">
            Import
          </Title>
          {canImport ? <UploadForm onReport={setReport} /> : <Text>Only safety officers and the QPPV import E2B files.</Text>}
          {report !== null && (
            <section aria-labelledby="e2b-report">
              <Title order={3} id="e2b-report" size="h4" mt="md" mb="xs">
                Report of the last upload
              </Title>
              <ImportReportView report={report} />
            </section>
          )}
        </section>
        <section aria-labelledby="e2b-acks">
          <Title order={2} id="e2b-acks" size="h3" mb="xs">
            Acknowledgements
          </Title>
          <AcknowledgementsList />
        </section>
      </Stack>
    </>
  );
}
