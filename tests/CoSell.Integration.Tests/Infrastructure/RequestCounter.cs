using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CoSell.Integration.Tests.Infrastructure;

/// <summary>Counts every request a storage client sends (method and path, query left out), to check round-trip budgets.</summary>
public sealed class RequestCounter : HttpPipelinePolicy
{
    readonly ConcurrentQueue<string> _requests = new();

    public IReadOnlyList<string> Requests => [.. _requests];

    public int Count => _requests.Count;

    public void Reset() => _requests.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    void Record(HttpMessage message) => _requests.Enqueue($"{message.Request.Method} {message.Request.Uri.Path}");
}
