import {
  load,
  peakMemoryMiB,
  percentile,
  startBenchStack,
  table,
} from './support';

/**
 * Contact creation and form submissions through the local stack's HTTP API:
 * throughput, latency and peak memory of the Node process and of DynamoDB
 * Local. Every request is a real HTTP request to the in-process API server.
 */
const total = Number(process.env.BENCH_REQUESTS ?? 1500);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

const main = async () => {
  const { stack, dynamo, stop } = await startBenchStack();
  const headers = {
    authorization: `Bearer ${stack.apiKey}`,
    'content-type': 'application/json',
  };
  const run = `${Date.now()}`;
  const expect201 = async (response: Response) => {
    if (response.status !== 201)
      throw new Error(`Answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };

  // Warm the handlers so the figures measure steady state, not imports.
  await fetch(`${stack.apiUrl}/v1/contacts`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email: `warm-${run}@example.com` }),
  });
  const form = (await (
    await fetch(`${stack.apiUrl}/v1/forms`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Bench', tags: ['bench'] }),
    })
  ).json()) as { id: string };

  const contacts = await load(total, concurrency, async (i) =>
    expect201(
      await fetch(`${stack.apiUrl}/v1/contacts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          email: `c${i}-${run}@example.com`,
          firstName: 'Bench',
          tags: ['a', 'b'],
          customFields: { plan: 'pro' },
        }),
      }),
    ),
  );
  const submissions = await load(total, concurrency, async (i) =>
    expect201(
      await fetch(`${stack.apiUrl}/v1/forms/${form.id}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        // Half are new people, half are repeat visitors updating themselves.
        body: `email=s${i % (total / 2)}-${run}%40example.com&first_name=Visit${i}&plan=pro`,
      }),
    ),
  );
  await stack.drained();

  const node = process.resourceUsage().maxRSS / 1024;
  const java = await peakMemoryMiB(dynamo.pid ?? 0);
  await stop();

  const row = (
    name: string,
    result: { latencies: number[]; seconds: number },
  ) => [
    name,
    total,
    concurrency,
    (total / result.seconds).toFixed(0),
    percentile(result.latencies, 50).toFixed(1),
    percentile(result.latencies, 99).toFixed(1),
  ];
  console.log('### Capture through the local HTTP API\n');
  console.log(
    table(
      ['operation', 'requests', 'concurrency', 'req/s', 'p50 ms', 'p99 ms'],
      [
        row('POST /v1/contacts', contacts),
        row('POST /v1/forms/{id}/submissions', submissions),
      ],
    ),
  );
  console.log(
    `\nPeak memory: Node process (API, handlers, stream, bus) ${node.toFixed(0)} MiB; DynamoDB Local ${java?.toFixed(0) ?? 'n/a'} MiB.\n`,
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
