// Runs a small experiment through the real JS SDK v3 and prints one JSON line the test checks.
const { Langfuse } = require("langfuse");

async function main() {
  const langfuse = new Langfuse();
  await langfuse.createDataset({ name: "qa/golden", description: "golden answers", metadata: { owner: "qa" } });
  for (let i = 1; i <= 5; i++) {
    await langfuse.createDatasetItem({ datasetName: "qa/golden", id: `item-${i}`, input: { question: `q${i}` }, expectedOutput: { answer: `a${i}` } });
  }
  await langfuse.createDatasetItem({ datasetName: "qa/golden", id: "item-3", expectedOutput: { answer: "a3-fixed" } });
  const dataset = await langfuse.getDataset("qa/golden", { fetchItemsPageSize: 2 });
  for (const item of dataset.items) {
    const trace = langfuse.trace({ id: `run-trace-${item.id}`, name: "experiment", input: item.input });
    const generation = trace.generation({ id: `run-gen-${item.id}`, name: "answer", model: "gpt-4o" });
    generation.end({ output: item.expectedOutput });
    langfuse.score({ traceId: trace.id, name: "exact", value: 1 });
    await item.link(generation, "run-1", { description: "first run", metadata: { model: "gpt-4o" } });
  }
  const run = await langfuse.getDatasetRun({ datasetName: "qa/golden", runName: "run-1" });
  const runs = await langfuse.getDatasetRuns("qa/golden");
  console.log(JSON.stringify({
    description: dataset.description, itemIds: dataset.items.map((i) => i.id).sort(),
    item3: dataset.items.find((i) => i.id === "item-3"),
    runName: run.name, runDescription: run.description,
    runItems: run.datasetRunItems.map((r) => ({ item: r.datasetItemId, trace: r.traceId, observation: r.observationId })),
    runNames: runs.data.map((r) => r.name),
  }));
  await langfuse.shutdownAsync();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
