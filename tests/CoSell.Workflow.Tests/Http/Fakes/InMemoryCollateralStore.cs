using System.Collections.Concurrent;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Http.Fakes;

internal sealed class InMemoryCollateralStore : ICollateralStore
{
    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

    public async Task<CollateralDocument> UploadAsync(string partnerId, string offerId, DocumentType type, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        string blobName = $"{partnerId}/{offerId}/{type}/{fileName}";
        Blobs[blobName] = buffer.ToArray();
        return new CollateralDocument(type, fileName, blobName, buffer.Length);
    }

    public Task<CollateralFinding> InspectAsync(CollateralDocument document, CancellationToken cancellationToken = default)
        => Task.FromResult(new CollateralFinding(document.Type, document.FileName, Blobs.ContainsKey(document.BlobName), "Stored."));

    public Task<Stream?> OpenReadAsync(string blobName, CancellationToken cancellationToken = default)
        => Task.FromResult<Stream?>(Blobs.TryGetValue(blobName, out byte[]? bytes) ? new MemoryStream(bytes, writable: false) : null);
}
