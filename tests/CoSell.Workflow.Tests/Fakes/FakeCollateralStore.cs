using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Fakes;

/// <summary>Inspection results per blob name (valid unless marked otherwise); counts concurrent inspections; can hold inspections at a gate.</summary>
public sealed class FakeCollateralStore : ICollateralStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, string> invalid = [];
    private int inFlight;

    public int MaxConcurrentInspections { get; private set; }

    public int Inspections { get; private set; }

    /// <summary>When set, every inspection waits for it (lets a test act while validation is running).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Signalled when the first inspection starts.</summary>
    public TaskCompletionSource InspectionStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void MarkInvalid(string blobName, string reason)
    {
        lock (gate)
        {
            invalid[blobName] = reason;
        }
    }

    public Task<CollateralDocument> UploadAsync(string partnerId, string offerId, DocumentType type, string fileName, Stream content, CancellationToken cancellationToken = default)
        => Task.FromResult(new CollateralDocument(type, fileName, $"{partnerId}/{offerId}/{type}/{fileName}", content.Length));

    public async Task<CollateralFinding> InspectAsync(CollateralDocument document, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            inFlight++;
            Inspections++;
            MaxConcurrentInspections = Math.Max(MaxConcurrentInspections, inFlight);
        }

        try
        {
            InspectionStarted.TrySetResult();
            if (Gate is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            await Task.Yield();
            lock (gate)
            {
                return invalid.TryGetValue(document.BlobName, out string? reason)
                    ? new CollateralFinding(document.Type, document.FileName, false, reason)
                    : new CollateralFinding(document.Type, document.FileName, true, "Readable PDF, 2 pages.");
            }
        }
        finally
        {
            lock (gate)
            {
                inFlight--;
            }
        }
    }

    public Task<Stream?> OpenReadAsync(string blobName, CancellationToken cancellationToken = default) => Task.FromResult<Stream?>(null);
}
