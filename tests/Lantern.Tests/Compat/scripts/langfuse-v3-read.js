// Reads back through the real JS SDK v3 helpers and prints one JSON line the test checks.
const { Langfuse } = require("langfuse");

async function main() {
  const langfuse = new Langfuse();
  const traces = await langfuse.fetchTraces({ userId: "sdk-user", limit: 10 });
  const trace = await langfuse.fetchTrace("sdk-trace");
  const observations = await langfuse.fetchObservations({ traceId: "sdk-trace", type: "GENERATION" });
  const observation = await langfuse.fetchObservation("sdk-generation");
  const sessions = await langfuse.fetchSessions({ limit: 5 });
  console.log(JSON.stringify({
    traceIds: traces.data.map((t) => t.id), totalItems: traces.meta.totalItems,
    traceName: trace.data.name, observationCount: trace.data.observations.length, scoreNames: trace.data.scores.map((s) => s.name),
    generationIds: observations.data.map((o) => o.id), generationModel: observation.data.model,
    generationInput: observation.data.usage.input, sessionIds: sessions.data.map((s) => s.id),
  }));
}

main().catch((error) => { console.error(error); process.exit(1); });
