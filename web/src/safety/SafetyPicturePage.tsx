import { Anchor, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { ForestPlot } from './ForestPlot';
import { FrequencyTable } from './FrequencyTable';
import { RunInputs } from './RunInputs';
import { runQuery, runsQuery, type FrequencyRun, type FrequencyRunBrief } from './safety-picture-api';
import { TermOverTime } from './TermOverTime';
import { Section } from '../common/Section';

function runLabel(run: FrequencyRunBrief): string {
  return `${run.period === 'cumulative' ? 'Cumulative' : `From ${run.periodStart ?? '?'}`} to ${run.dataLockPoint} (${run.finishedAt.slice(0, 16).replace('T', ' ')} UTC)`;
}

function Picture({ run, runs, product }: { run: FrequencyRun; runs: readonly FrequencyRunBrief[]; product: string }): ReactNode {
  const [params, setParams] = useSearchParams();
  const listed = run.rows.filter((r) => r.level === 'term');
  const others = run.rows.filter((r) => r.level !== 'term' && r.flag !== null);
  const setTerm = (term: string | null): void => {
    const next = new URLSearchParams(params);
    if (term === null) {
      next.delete('term');
    } else {
      next.set('term', term);
    }
    setParams(next, { replace: true });
  };
  return (
    <Stack gap="xl">
      <Section id="chart" title="Listed terms against the label">
        {listed.length === 0 ? (
          <Text role="status">No listed terms in this run (no reference safety information in force on its data lock point).</Text>
        ) : (
          <Stack gap="md">
            <ForestPlot rows={listed} title={`${product}: observed proportion of each listed term with its exact 95% interval, against the stated rate or band (data lock point ${run.dataLockPoint})`} fileName={`safety-picture-${product}-${run.dataLockPoint}`} />
            <Text size="sm" c="dimmed">
              Observed proportions are patients with the reaction over patients exposed in registries and studies, with Clopper–Pearson exact 95% intervals; reporting rates (spontaneous reports over patients treated) are labelled as such and are not incidences.
            </Text>
            <FrequencyTable rows={listed} label="Listed terms: observed proportion, interval and stated frequency" />
          </Stack>
        )}
      </Section>
      {others.length > 0 && (
        <Section id="flagged" title="Flagged outcomes, PTs and SOCs">
          <FrequencyTable rows={others} label="Flagged outcomes, reported terms and SOCs" />
        </Section>
      )}
      <Section id="inputs" title="The run’s inputs and what was left out">
        <RunInputs run={run} />
      </Section>
      <Section id="over-time" title="Runs over time">
        <TermOverTime runs={runs} terms={listed.map((r) => r.label)} term={params.get('term')} onTerm={setTerm} />
      </Section>
    </Stack>
  );
}

function ChosenRun({ runs, product }: { runs: FrequencyRunBrief[]; product: string }): ReactNode {
  const [params, setParams] = useSearchParams();
  const chosen = runs.find((r) => r.id === params.get('run')) ?? runs[0];
  const run = useQuery({ ...runQuery(chosen?.id ?? ''), enabled: chosen !== undefined });
  if (chosen === undefined) {
    return <Text role="status">No frequency run for {product} yet: runs are made daily, after case changes, or on request (POST /api/frequency-runs).</Text>;
  }
  return (
    <Stack gap="lg">
      <Select
        label="Frequency run"
        description="The latest unless you choose another"
        data={runs.map((r) => ({ value: r.id, label: runLabel(r) }))}
        value={chosen.id}
        allowDeselect={false}
        maw={560}
        onChange={(id) => {
          const next = new URLSearchParams(params);
          if (id === null || id === runs[0]?.id) {
            next.delete('run');
          } else {
            next.set('run', id);
          }
          setParams(next);
        }}
      />
      <QueryState query={run} label="frequency run">
        {(data) => <Picture run={data} runs={runs} product={product} />}
      </QueryState>
    </Stack>
  );
}

/** The safety picture of a product: its listed side effects as observed against what the label states. */
export default function SafetyPicturePage(): ReactNode {
  const { product = '' } = useParams();
  const runs = useQuery(runsQuery(product));
  return (
    <>
      <PageTitle title={`Safety picture · ${product}`}>Safety picture of {product}</PageTitle>
      <Text size="sm" mb="md">
        <Anchor component={Link} to={`/products/${encodeURIComponent(product)}`}>
          Back to {product}
        </Anchor>
      </Text>
      <QueryState query={runs} label="frequency runs">
        {(list) => <ChosenRun runs={list} product={product} />}
      </QueryState>
      <Text size="xs" c="dimmed" mt="xl">
        All figures come from the stored run; nothing is computed in the browser.
      </Text>
    </>
  );
}
