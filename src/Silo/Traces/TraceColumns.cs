using Lantern.Grains.Traces;
using Lantern.Silo.Storage;

namespace Lantern.Silo.Traces;

/// <summary>The bulk-upsert columns of the trace, observation and score tables (see 0003_traces.sql).</summary>
internal static class TraceColumns
{
    private const string UpdatedNow = "now()";

    // Payloads and merge state are json, not jsonb: stored as sent, never queried inside (0034_payload_json.sql).
    private const string Payload = "json";

    // Input and output are write-once (EntityMerger) and a grain drops their text once committed, projecting null after:
    // null then means "unchanged", never "cleared".
    private const string KeepInput = "coalesce(excluded.input, t.input)";
    private const string KeepOutput = "coalesce(excluded.output, t.output)";

    public static BulkColumn[] Traces(IReadOnlyList<TraceRow> rows) =>
    [
        new("project_id", "text[]", rows.Select(r => r.ProjectId).ToArray()),
        new("id", "text[]", rows.Select(r => r.Id).ToArray()),
        new("timestamp", "timestamptz[]", rows.Select(r => r.Timestamp.UtcDateTime).ToArray()),
        new("name", "text[]", rows.Select(r => r.Name).ToArray()),
        new("user_id", "text[]", rows.Select(r => r.UserId).ToArray()),
        new("session_id", "text[]", rows.Select(r => r.SessionId).ToArray()),
        new("release", "text[]", rows.Select(r => r.Release).ToArray()),
        new("version", "text[]", rows.Select(r => r.Version).ToArray()),
        new("environment", "text[]", rows.Select(r => r.Environment).ToArray()),
        new("public", "boolean[]", rows.Select(r => r.Public).ToArray()),
        new("tags", "text[]", rows.Select(r => r.Tags).ToArray(), "text[]"),
        new("input", "text[]", rows.Select(r => r.InputJson).ToArray(), Payload, KeepInput),
        new("output", "text[]", rows.Select(r => r.OutputJson).ToArray(), Payload, KeepOutput),
        new("metadata", "text[]", rows.Select(r => r.MetadataJson).ToArray(), Payload),
        new("total_cost", "numeric[]", rows.Select(r => r.TotalCost).ToArray()),
        new("latency", "float8[]", rows.Select(r => r.Latency).ToArray()),
        new("observation_count", "integer[]", rows.Select(r => r.ObservationCount).ToArray()),
        new("fields", "text[]", rows.Select(r => r.FieldsJson).ToArray(), Payload),
        new("updated_at", "timestamptz[]", rows.Select(_ => DateTime.UtcNow).ToArray(), OnConflict: UpdatedNow),
    ];

    public static BulkColumn[] Observations(IReadOnlyList<ObservationRow> rows) =>
    [
        new("project_id", "text[]", rows.Select(r => r.ProjectId).ToArray()),
        new("id", "text[]", rows.Select(r => r.Id).ToArray()),
        new("trace_id", "text[]", rows.Select(r => r.TraceId).ToArray()),
        new("type", "text[]", rows.Select(r => r.Type).ToArray()),
        new("name", "text[]", rows.Select(r => r.Name).ToArray()),
        new("start_time", "timestamptz[]", rows.Select(r => r.StartTime.UtcDateTime).ToArray()),
        new("end_time", "timestamptz[]", rows.Select(r => r.EndTime?.UtcDateTime).ToArray()),
        new("completion_start_time", "timestamptz[]", rows.Select(r => r.CompletionStartTime?.UtcDateTime).ToArray()),
        new("parent_observation_id", "text[]", rows.Select(r => r.ParentObservationId).ToArray()),
        new("level", "text[]", rows.Select(r => r.Level).ToArray()),
        new("status_message", "text[]", rows.Select(r => r.StatusMessage).ToArray()),
        new("version", "text[]", rows.Select(r => r.Version).ToArray()),
        new("environment", "text[]", rows.Select(r => r.Environment).ToArray()),
        new("model", "text[]", rows.Select(r => r.Model).ToArray()),
        new("model_parameters", "text[]", rows.Select(r => r.ModelParametersJson).ToArray(), "jsonb"),
        new("input", "text[]", rows.Select(r => r.InputJson).ToArray(), Payload, KeepInput),
        new("output", "text[]", rows.Select(r => r.OutputJson).ToArray(), Payload, KeepOutput),
        new("metadata", "text[]", rows.Select(r => r.MetadataJson).ToArray(), Payload),
        new("usage_details", "text[]", rows.Select(r => ObservationDetailsJson.Usage(r.Cost)).ToArray(), "jsonb"),
        new("cost_details", "text[]", rows.Select(r => ObservationDetailsJson.Cost(r.Cost)).ToArray(), "jsonb"),
        new("total_cost", "numeric[]", rows.Select(r => r.Cost.TotalCost).ToArray()),
        new("internal_model_id", "text[]", rows.Select(r => r.Cost.ModelId).ToArray()),
        new("pricing_tier_id", "text[]", rows.Select(r => r.Cost.PricingTierId).ToArray()),
        new("pricing_tier_name", "text[]", rows.Select(r => r.Cost.PricingTierName).ToArray()),
        new("input_price", "numeric[]", rows.Select(r => r.Cost.InputPrice).ToArray()),
        new("output_price", "numeric[]", rows.Select(r => r.Cost.OutputPrice).ToArray()),
        new("total_price", "numeric[]", rows.Select(r => r.Cost.TotalPrice).ToArray()),
        new("prompt_name", "text[]", rows.Select(r => r.PromptName).ToArray()),
        new("prompt_version", "integer[]", rows.Select(r => r.PromptVersion).ToArray()),
        new("fields", "text[]", rows.Select(r => r.FieldsJson).ToArray(), Payload),
        new("updated_at", "timestamptz[]", rows.Select(_ => DateTime.UtcNow).ToArray(), OnConflict: UpdatedNow),
    ];

    public static BulkColumn[] Scores(IReadOnlyList<ScoreRow> rows) =>
    [
        new("project_id", "text[]", rows.Select(r => r.ProjectId).ToArray()),
        new("id", "text[]", rows.Select(r => r.Id).ToArray()),
        new("trace_id", "text[]", rows.Select(r => r.TraceId).ToArray()),
        new("observation_id", "text[]", rows.Select(r => r.ObservationId).ToArray()),
        new("session_id", "text[]", rows.Select(r => r.SessionId).ToArray()),
        new("dataset_run_id", "text[]", rows.Select(r => r.DatasetRunId).ToArray()),
        new("name", "text[]", rows.Select(r => r.Name).ToArray()),
        new("value", "float8[]", rows.Select(r => r.Value).ToArray()),
        new("string_value", "text[]", rows.Select(r => r.StringValue).ToArray()),
        new("data_type", "text[]", rows.Select(r => r.DataType).ToArray()),
        new("source", "text[]", rows.Select(r => r.Source).ToArray()),
        new("comment", "text[]", rows.Select(r => r.Comment).ToArray()),
        new("metadata", "text[]", rows.Select(r => r.MetadataJson).ToArray(), Payload),
        new("config_id", "text[]", rows.Select(r => r.ConfigId).ToArray()),
        new("queue_id", "text[]", rows.Select(r => r.QueueId).ToArray()),
        new("environment", "text[]", rows.Select(r => r.Environment).ToArray()),
        new("timestamp", "timestamptz[]", rows.Select(r => r.Timestamp.UtcDateTime).ToArray()),
        new("fields", "text[]", rows.Select(r => r.FieldsJson).ToArray(), Payload),
        new("updated_at", "timestamptz[]", rows.Select(_ => DateTime.UtcNow).ToArray(), OnConflict: UpdatedNow),
    ];
}
