// Reads back through the real JS v5 client (@langfuse/client, its Fern API client) and prints one JSON line the test checks.
// Environment: LANGFUSE_BASE_URL, LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY (read by the client itself).
const { LangfuseClient } = require("@langfuse/client");

async function main() {
  const { api } = new LangfuseClient();
  const traces = await api.trace.list({ userId: "bob" });
  const trace = await api.trace.get("t3");
  const firstPage = await api.observations.getMany({ type: "GENERATION", limit: 2, fields: "core,basic,usage" });
  const nextPage = await api.observations.getMany({ type: "GENERATION", limit: 2, cursor: firstPage.meta.cursor });
  const session = await api.sessions.get("s-a");
  const scores = await api.scores.getMany({ name: "quality", operator: ">=", value: 0.5 });
  const score = await api.scores.getById("t2-q");
  await api.legacy.scoreV1.delete("t0-q");
  const remaining = await api.scores.getMany({ name: "quality" });
  console.log(JSON.stringify({
    traceIds: traces.data.map((t) => t.id), totalItems: traces.meta.totalItems,
    traceObservations: trace.observations.length, traceCost: trace.totalCost,
    firstPage: firstPage.data.map((o) => o.id), firstCost: firstPage.data[0].totalCost, firstUser: firstPage.data[0].userId,
    nextPage: nextPage.data.map((o) => o.id), sessionTraces: session.traces.length,
    scoreIds: scores.data.map((s) => s.id), scoreValue: score.value, remainingScores: remaining.meta.totalItems,
  }));
}

main().catch((error) => { console.error(error); process.exit(1); });
