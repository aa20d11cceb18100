namespace CoSell.LocalHost.Engine;

/// <summary>
/// Settings of the local Durable Task engine (section <c>LocalEngine</c>; the hub name comes from the
/// top-level <c>TaskHubName</c> setting, as in the Functions app's host.json).
/// </summary>
public sealed class LocalEngineOptions
{
    public const string Section = "LocalEngine";

    /// <summary>Top-level setting that names the task hub (shared with the Functions app).</summary>
    public const string TaskHubNameSetting = "TaskHubName";

    /// <summary>Where the storage connection string is read from (the same key the adapters use).</summary>
    public const string ConnectionStringSetting = "CoSellStorage:ConnectionString";

    public const string DefaultTaskHubName = "CoSellLocal";

    /// <summary>Loopback port of the HTTP/2 gRPC endpoint the worker and client talk to; 0 picks a free one.</summary>
    public int GrpcPort { get; set; }

    /// <summary>
    /// Task hub name. The Azure Storage provider uses it in table names, which allow only letters and digits,
    /// so it must start with a letter and hold 3 to 45 letters or digits.
    /// </summary>
    public string TaskHubName { get; set; } = DefaultTaskHubName;

    /// <summary>Storage account (Azurite locally).</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Control-queue partitions. One machine needs one: fewer queues to poll, same semantics.</summary>
    public int PartitionCount { get; set; } = 1;

    /// <summary>
    /// Longest pause between polls of an idle queue. The provider backs off up to this value when queues are
    /// empty (its default is 30 s, so a reviewer's click could wait half a minute). One second keeps the local
    /// host responsive; the cost is about one cheap Azurite request per queue per second.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a dequeued activity message stays invisible before another worker may take it.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a dequeued orchestration (control-queue) message stays invisible. After a crash, reviews whose messages
    /// the dead process had taken wait this long before the restarted host sees them again.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many control-queue messages one poll fetches.</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>Keeps orchestration histories in memory between episodes; off locally so every episode replays from storage, as in production without it.</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    public int MaxConcurrentActivities { get; set; } = 10;

    public int MaxConcurrentOrchestrations { get; set; } = 10;

    /// <summary>Host shutdown timeout; the engine stops its worker first, so a few seconds are plenty.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal static bool IsValidTaskHubName(string? name)
        => name is { Length: >= 3 and <= 45 } && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);
}
