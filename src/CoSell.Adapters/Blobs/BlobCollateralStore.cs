using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CoSell.Domain;
using CoSell.Workflow.Ports;
using Microsoft.Extensions.Options;

namespace CoSell.Adapters.Blobs;

/// <summary>
/// <see cref="ICollateralStore"/> on Azure Blob Storage: one container (default <c>collateral</c>,
/// created on first use), blobs named <c>{partnerId}/{offerId}/{docType}/{fileName}</c>.
/// Thread-safe; register once as a singleton.
/// </summary>
public sealed class BlobCollateralStore : ICollateralStore
{
    private const int UploadBlockBytes = 4 * 1024 * 1024;

    private readonly BlobContainerClient _container;
    private readonly CollateralOptions _options;
    private readonly CollateralInspector _inspector;
    private volatile bool _containerReady;

    public BlobCollateralStore(BlobServiceClient blobServiceClient, IOptions<CollateralOptions> options)
    {
        ArgumentNullException.ThrowIfNull(blobServiceClient);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _inspector = new CollateralInspector(_options);
        _container = blobServiceClient.GetBlobContainerClient(_options.ContainerName);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The partner id, offer id or file name is unsafe (path separators, "..", control characters, over 200 characters).</exception>
    /// <exception cref="CollateralTooLargeException">The content is larger than <see cref="CollateralOptions.MaxDocumentBytes"/>; the stored blob (if any) is unchanged.</exception>
    public async Task<CollateralDocument> UploadAsync(string partnerId, string offerId, DocumentType type, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string blobName = CollateralBlobNames.Build(partnerId, offerId, type, fileName);
        if (content.CanSeek && content.Length - content.Position > _options.MaxDocumentBytes)
        {
            throw new CollateralTooLargeException(fileName, _options.MaxDocumentBytes);
        }

        await EnsureContainerAsync(cancellationToken);
        using var limited = new SizeLimitedReadStream(content, _options.MaxDocumentBytes, fileName);
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },

            // Small blocks keep the SDK's buffering per upload at a few MiB; blocks commit together at the end.
            TransferOptions = new StorageTransferOptions
            {
                InitialTransferSize = UploadBlockBytes,
                MaximumTransferSize = UploadBlockBytes,
                MaximumConcurrency = 2,
            },
        };
        try
        {
            // A block blob upload commits only at the end: when the limit trips, the previous version stays.
            await _container.GetBlobClient(blobName).UploadAsync(limited, upload, cancellationToken);
        }
        catch (Exception ex) when (limited.LimitExceeded && ex is not CollateralTooLargeException)
        {
            // The SDK may wrap what our stream threw; the partner must still see the size error.
            throw new CollateralTooLargeException(fileName, _options.MaxDocumentBytes, ex);
        }

        return new CollateralDocument(type, fileName, blobName, limited.BytesRead);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Checks that the blob name matches the document's type and file name. Whether it belongs to the
    /// submitting partner and offer is the caller's check: compare with <see cref="CollateralBlobNames.Build"/>.
    /// </remarks>
    public async Task<CollateralFinding> InspectAsync(CollateralDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);

        // The reference travels through partner-supplied drafts: a name that is not this document's
        // own place (another type, another file, another shape) is treated as missing, never read.
        bool ownName = CollateralBlobNames.TryParse(document.BlobName, out CollateralBlobName? name)
            && name.Type == document.Type
            && string.Equals(name.FileName, document.FileName, StringComparison.Ordinal);
        Response<BlobDownloadStreamingResult>? response = ownName ? await TryDownloadAsync(document.BlobName, cancellationToken) : null;
        if (response is null)
        {
            return new CollateralFinding(document.Type, document.FileName, false, $"'{document.FileName}' was not found; upload it again.");
        }

        using BlobDownloadStreamingResult result = response.Value;
        if (result.Details.ContentLength > _options.MaxDocumentBytes)
        {
            return _inspector.TooLarge(document.Type, document.FileName);
        }

        return await _inspector.InspectAsync(document.Type, document.FileName, result.Content, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Stream?> OpenReadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        CollateralBlobNames.EnsureValid(blobName);
        Response<BlobDownloadStreamingResult>? response = await TryDownloadAsync(blobName, cancellationToken);
        return response?.Value.Content;
    }

    private async Task<Response<BlobDownloadStreamingResult>?> TryDownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return await _container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        // Idempotent: two first callers racing both get "exists", which is fine.
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        _containerReady = true;
    }
}
