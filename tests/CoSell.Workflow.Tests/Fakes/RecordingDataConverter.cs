using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace CoSell.Workflow.Tests.Fakes;

/// <summary>The worker's JSON converter, keeping every payload it serializes: what the engine stores in orchestration history.</summary>
public sealed class RecordingDataConverter : DataConverter
{
    private readonly ConcurrentQueue<string> payloads = new();

    public IReadOnlyCollection<string> Payloads => payloads;

    public override string? Serialize(object? value)
    {
        string? json = JsonDataConverter.Default.Serialize(value);
        if (json is not null)
        {
            payloads.Enqueue(json);
        }

        return json;
    }

    public override object? Deserialize(string? data, Type targetType) => JsonDataConverter.Default.Deserialize(data, targetType);
}
