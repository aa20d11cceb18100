using CoSell.Domain;

namespace CoSell.Workflow.Ports;

/// <summary>Blob container <c>collateral</c>: <c>{partner}/{offer}/{docType}/{file}</c>.</summary>
public interface ICollateralStore
{
    /// <summary>Stores (or replaces) a document and returns its reference. Enforces the size limit.</summary>
    Task<CollateralDocument> UploadAsync(string partnerId, string offerId, DocumentType type, string fileName, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Reads the stored document and checks it by content (type, pages, encryption, size). Never throws for bad partner content.</summary>
    Task<CollateralFinding> InspectAsync(CollateralDocument document, CancellationToken cancellationToken = default);

    /// <summary>Opens the stored bytes for reading (reviewer page download); null when the blob is gone.</summary>
    Task<Stream?> OpenReadAsync(string blobName, CancellationToken cancellationToken = default);
}
